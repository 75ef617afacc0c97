// Reconciler (REL-7): finds the hires whose every delivery was lost and
// syncs each once, through the worker's queue like a delivery.
//
// The core trusts Lever's webhook except where it knows a delivery could
// have been lost without its seeing Lever send it. Those stretches of time
// are "owed" (a watermark per company, stored):
//   - while the core was down: from its last heartbeat to its start;
//   - around a delivery it refused (5xx): Lever's retry span before it;
//   - before a webhook went away with retries pending (disconnect, reconnect,
//     a noticed revocation): Lever's retry span before the period's end.
// Reconciling asks Lever for the opportunities archived as hired since the
// watermark, keeps those archived inside both the owed stretch and one of
// the company's connected periods (a hire while revoked, disconnected or
// with the webhook switched off still creates nothing: HIRE-2, REVOKE-3),
// and queues each one the core has no record of, marked as found by
// reconciliation. It runs when the core starts, when Finish setup connects,
// and on a schedule of virtual time while something is owed (a minute after
// it is owed, then with backoff); docs/decisions.md says why.
//
// Threads: run_due()/next_due_ms() from the runner's thread, like the
// worker; note_refused_delivery() from any. The periods and what is owed are
// kept in the PeriodLedger, which the integrations page changes too.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "ports/clock.h"
#include "ports/guarded_store.h"
#include "ports/log.h"
#include "sync/lever_session.h"
#include "sync/period_ledger.h"
#include "sync/revocation.h"
#include "sync/settings.h"

namespace hiresync {

class Reconciler {
 public:
  struct Ports {
    const CoreSettings& settings;  // the companies the core serves
    const Clock& clock;
    GuardedStore& store;
    Log& log;
    const LeverPorts& lever;  // the archived-as-hired listing
    PeriodLedger& periods;
    Revocation& revocation;  // REVOKE-2, when Lever refuses the credentials
  };
  // The core starts now: the time since it was last alive is owed.
  explicit Reconciler(const Ports& ports);

  // Records what the start and refused deliveries owe, beats the heartbeat,
  // then reconciles every company whose turn has come. Returns how many
  // reconciliations ran.
  int run_due();
  std::optional<int64_t> next_due_ms();

  // The receiver could not take a delivery (5xx): Lever will retry it, but
  // maybe not before its webhook goes away.
  void note_refused_delivery();

 private:
  Status record_start();
  Status record_refusals();
  void heartbeat(int64_t now);
  // One company's reconciliation; false when it did not run after all.
  bool reconcile(const Reconciliation& owed);
  // Queues the hire of `opportunity` unless the core knows it. True when queued.
  Result<bool> queue_unknown_hire(const std::string& company, const std::string& connection_id,
                                  const std::string& opportunity, int64_t archived_at_ms);
  // After a failed run: try again later, or wait for a connect / retry.
  void failed(const std::string& company, const std::string& why, std::optional<int64_t> wait_ms);

  // Runs `change` on the company's row inside one transaction: the row may
  // have been widened by a delivery or a revoke meanwhile.
  Status update_row(const std::string& company, const std::function<void(Reconciliation&)>& change);

  Ports ports_;
  const int64_t started_at_ms_;
  bool start_recorded_ = false;
  // After a store failure in the bookkeeping above: not before this (a
  // failing store must not make the core busy-loop at one instant).
  int64_t bookkeeping_retry_at_ms_ = INT64_MIN;
  int64_t heartbeat_at_ms_ = INT64_MIN;
  std::optional<std::optional<int64_t>> cached_next_;  // outer nullopt: not loaded
  std::mutex refused_mu_;
  std::optional<int64_t> refused_at_ms_;  // the earliest refusal not yet recorded
};

}  // namespace hiresync
