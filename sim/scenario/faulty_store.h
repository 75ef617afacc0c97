// FaultyStore: the core's Store with faults applied — a forwarding wrapper
// (like leveldb's EnvWrapper) that answers kUnavailable instead of calling
// the real store when the world's FaultPlan says an operation fails. Every
// "store unavailable" branch of the core can so run in a scenario or a fuzz
// history. Each fault that fires is written to the fault journal.
#pragma once

#include <memory>

#include "ports/clock.h"
#include "ports/store.h"
#include "scenario/faults.h"

namespace sim {

class FaultyStore final : public hiresync::Store {
 public:
  FaultyStore(std::unique_ptr<hiresync::Store> inner, FaultPlan& plan,
              const hiresync::Clock& clock);

  hiresync::Status atomically(const std::function<hiresync::Status()>& body) override;
  hiresync::Result<std::optional<hiresync::Integration>> integration(
      const std::string& company) override;
  hiresync::Status put_integration(const hiresync::Integration& integration) override;
  hiresync::Result<std::optional<hiresync::Connection>> connection(const std::string& id) override;
  hiresync::Status put_connection(const hiresync::Connection& connection) override;
  hiresync::Status put_oauth_state(const hiresync::OAuthState& state) override;
  hiresync::Result<std::optional<hiresync::OAuthState>> take_oauth_state(
      const std::string& state) override;
  hiresync::Result<bool> remember_delivery(const std::string& connection_id,
                                           const std::string& token,
                                           int64_t received_at_ms) override;
  hiresync::Status forget_deliveries_before(int64_t ms) override;
  hiresync::Result<std::optional<hiresync::Hire>> hire(const std::string& company,
                                                       const std::string& opportunity_id) override;
  hiresync::Result<int64_t> put_hire(const hiresync::Hire& hire) override;
  hiresync::Result<std::vector<hiresync::Hire>> hires_of(const std::string& company) override;
  hiresync::Result<std::vector<hiresync::Hire>> due_hires(int64_t now_ms, int limit) override;
  hiresync::Result<std::optional<int64_t>> next_due_ms() override;
  hiresync::Status put_outbox_email(const hiresync::OutboxEmail& email) override;
  hiresync::Result<std::vector<hiresync::OutboxEmail>> outbox_of(int64_t hire_id) override;
  hiresync::Status put_connected_period(const hiresync::ConnectedPeriod& period) override;
  hiresync::Result<std::vector<hiresync::ConnectedPeriod>> connected_periods(
      const std::string& company) override;
  hiresync::Result<std::optional<hiresync::Reconciliation>> reconciliation(
      const std::string& company) override;
  hiresync::Status put_reconciliation(const hiresync::Reconciliation& reconciliation) override;
  hiresync::Result<std::vector<hiresync::Reconciliation>> owed_reconciliations() override;
  hiresync::Result<int64_t> alive_at_ms() override;
  hiresync::Status put_alive_at_ms(int64_t ms) override;

 private:
  // The injected error when `op` must fail now; OK to go ahead.
  hiresync::Status fault(const char* op);

  std::unique_ptr<hiresync::Store> inner_;
  FaultPlan& plan_;
  const hiresync::Clock& clock_;
};

}  // namespace sim
