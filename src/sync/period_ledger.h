// PeriodLedger (REL-7): the connected periods of each company and what
// reconciliation owes — the bookkeeping that Finish setup, disconnect,
// reconnect, a noticed revocation and the Reconciler all change. Its methods
// run inside the caller's store transaction, on the Store it hands them.
//
// Threads: any; opened_here() and the change flag are safe to read anywhere.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "ports/clock.h"
#include "ports/store.h"

namespace hiresync {

// Lever's five retries span 8 h 36 min after the first attempt; a little more.
inline constexpr int64_t kLeverRetrySpanMs = 9 * 3'600'000LL;

// The company's connected period that has no end yet; nullopt when there is
// none, or (with `error` set) when the store failed.
std::optional<ConnectedPeriod> open_period(Store& db, const std::string& company, Status& error);

// An empty reconciliation row for `company`.
Reconciliation blank_reconciliation(const std::string& company);

class PeriodLedger {
 public:
  explicit PeriodLedger(const Clock& clock) : clock_(clock) {}

  // Finish setup made `company` connected: a connected period starts now, and
  // whatever is owed is reconciled at once.
  Status begin(Store& db, const std::string& company);
  // The company's open connected period ends at `end_ms`, inclusive (at most
  // now; nullopt: before it began, as nothing proves the connection worked at
  // all) and Lever's retry span before the end is owed: retries Lever was
  // still making to the webhook that goes away now are dropped.
  Status end(Store& db, const std::string& company, std::optional<int64_t> end_ms);
  // Hires archived in [since_ms, until_ms] may have lost every delivery.
  Status owe(Store& db, const std::string& company, int64_t since_ms, int64_t until_ms);

  // Whether this process opened the company's current period: its start owes
  // the company nothing (the core was up throughout).
  bool opened_here(const std::string& company) const;

  // Reconciliation's stored state changed behind the Reconciler's cache.
  void mark_changed() { changed_ = true; }
  // Whether it changed since the last call.
  bool take_changed() { return changed_.exchange(false); }

 private:
  const Clock& clock_;
  mutable std::mutex opened_mu_;
  std::set<std::string> opened_here_;
  std::atomic<bool> changed_{true};
};

}  // namespace hiresync
