#include "scenario/faulty_store.h"

#include <fmt/format.h>

#include "common/phase_clock.h"

namespace sim {

FaultyStore::FaultyStore(std::unique_ptr<hiresync::Store> inner, FaultPlan& plan,
                         const hiresync::Clock& clock)
    : inner_(std::move(inner)), plan_(plan), clock_(clock) {}

hiresync::Status FaultyStore::fault(const char* op) {
  if (!plan_.on_store_op(op)) return hiresync::Status::Ok();
  plan_.journal().record({0, clock_.now_ms(), "STORE", op, "store", 0, "injected store failure"});
  return hiresync::Status::Unavailable(fmt::format("the store failed ({}, injected)", op));
}

// Every operation: the fault first, else the real store.
hiresync::Status FaultyStore::atomically(const std::function<hiresync::Status()>& body) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("atomically"); !s.ok()) return s;
  return inner_->atomically(body);
}

hiresync::Result<std::optional<hiresync::Integration>> FaultyStore::integration(
    const std::string& company) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("integration"); !s.ok()) return s;
  return inner_->integration(company);
}

hiresync::Status FaultyStore::put_integration(const hiresync::Integration& integration) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_integration"); !s.ok()) return s;
  return inner_->put_integration(integration);
}

hiresync::Result<std::optional<hiresync::Connection>> FaultyStore::connection(
    const std::string& id) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("connection"); !s.ok()) return s;
  return inner_->connection(id);
}

hiresync::Status FaultyStore::put_connection(const hiresync::Connection& connection) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_connection"); !s.ok()) return s;
  return inner_->put_connection(connection);
}

hiresync::Status FaultyStore::put_oauth_state(const hiresync::OAuthState& state) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_oauth_state"); !s.ok()) return s;
  return inner_->put_oauth_state(state);
}

hiresync::Result<std::optional<hiresync::OAuthState>> FaultyStore::take_oauth_state(
    const std::string& state) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("take_oauth_state"); !s.ok()) return s;
  return inner_->take_oauth_state(state);
}

hiresync::Result<bool> FaultyStore::remember_delivery(const std::string& connection_id,
                                                      const std::string& token,
                                                      int64_t received_at_ms) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("remember_delivery"); !s.ok()) return s;
  return inner_->remember_delivery(connection_id, token, received_at_ms);
}

hiresync::Status FaultyStore::forget_deliveries_before(int64_t ms) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("forget_deliveries_before"); !s.ok()) return s;
  return inner_->forget_deliveries_before(ms);
}

hiresync::Result<std::optional<hiresync::Hire>> FaultyStore::hire(
    const std::string& company, const std::string& opportunity_id) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("hire"); !s.ok()) return s;
  return inner_->hire(company, opportunity_id);
}

hiresync::Result<int64_t> FaultyStore::put_hire(const hiresync::Hire& hire) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_hire"); !s.ok()) return s;
  return inner_->put_hire(hire);
}

hiresync::Result<std::vector<hiresync::Hire>> FaultyStore::hires_of(const std::string& company) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("hires_of"); !s.ok()) return s;
  return inner_->hires_of(company);
}

hiresync::Result<std::vector<hiresync::Hire>> FaultyStore::due_hires(int64_t now_ms, int limit) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("due_hires"); !s.ok()) return s;
  return inner_->due_hires(now_ms, limit);
}

hiresync::Result<std::optional<int64_t>> FaultyStore::next_due_ms() {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("next_due_ms"); !s.ok()) return s;
  return inner_->next_due_ms();
}

hiresync::Status FaultyStore::put_outbox_email(const hiresync::OutboxEmail& email) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_outbox_email"); !s.ok()) return s;
  return inner_->put_outbox_email(email);
}

hiresync::Result<std::vector<hiresync::OutboxEmail>> FaultyStore::outbox_of(int64_t hire_id) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("outbox_of"); !s.ok()) return s;
  return inner_->outbox_of(hire_id);
}

hiresync::Status FaultyStore::put_connected_period(const hiresync::ConnectedPeriod& period) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_connected_period"); !s.ok()) return s;
  return inner_->put_connected_period(period);
}

hiresync::Result<std::vector<hiresync::ConnectedPeriod>> FaultyStore::connected_periods(
    const std::string& company) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("connected_periods"); !s.ok()) return s;
  return inner_->connected_periods(company);
}

hiresync::Result<std::optional<hiresync::Reconciliation>> FaultyStore::reconciliation(
    const std::string& company) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("reconciliation"); !s.ok()) return s;
  return inner_->reconciliation(company);
}

hiresync::Status FaultyStore::put_reconciliation(const hiresync::Reconciliation& reconciliation) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_reconciliation"); !s.ok()) return s;
  return inner_->put_reconciliation(reconciliation);
}

hiresync::Result<std::vector<hiresync::Reconciliation>> FaultyStore::owed_reconciliations() {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("owed_reconciliations"); !s.ok()) return s;
  return inner_->owed_reconciliations();
}

hiresync::Result<int64_t> FaultyStore::alive_at_ms() {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("alive_at_ms"); !s.ok()) return s;
  return inner_->alive_at_ms();
}

hiresync::Status FaultyStore::put_alive_at_ms(int64_t ms) {
  PhaseScope storing(Phase::kStore);
  if (hiresync::Status s = fault("put_alive_at_ms"); !s.ok()) return s;
  return inner_->put_alive_at_ms(ms);
}

}  // namespace sim
