#include "sync/period_ledger.h"

#include <algorithm>

namespace hiresync {

std::optional<ConnectedPeriod> open_period(Store& db, const std::string& company, Status& error) {
  auto periods = db.connected_periods(company);
  if (!periods.ok()) {
    error = periods.status();
    return std::nullopt;
  }
  for (auto it = periods->rbegin(); it != periods->rend(); ++it) {
    if (!it->end_ms) return *it;
  }
  return std::nullopt;
}

Reconciliation blank_reconciliation(const std::string& company) {
  Reconciliation r;
  r.company = company;
  return r;
}

Status PeriodLedger::owe(Store& db, const std::string& company, int64_t since_ms,
                         int64_t until_ms) {
  if (until_ms < since_ms) return Status::Ok();
  auto row = db.reconciliation(company);
  if (!row.ok()) return row.status();
  Reconciliation r = row->value_or(blank_reconciliation(company));
  // One stretch per company: owed stretches merge into their hull, which
  // errs towards asking Lever about more, never less.
  if (r.unseen_since_ms) {
    r.unseen_since_ms = std::min(*r.unseen_since_ms, since_ms);
    r.unseen_until_ms = std::max(r.unseen_until_ms, until_ms);
  } else {
    r.unseen_since_ms = since_ms;
    r.unseen_until_ms = until_ms;
    r.attempts = 0;
    r.due_ms = clock_.now_ms();
  }
  changed_ = true;
  return db.put_reconciliation(r);
}

Status PeriodLedger::begin(Store& db, const std::string& company) {
  const int64_t now = clock_.now_ms();
  Status error;
  auto open = open_period(db, company, error);
  if (!error.ok()) return error;
  if (!open) {
    if (Status s = db.put_connected_period({company, now, std::nullopt}); !s.ok()) return s;
    std::lock_guard lock(opened_mu_);
    opened_here_.insert(company);
  }
  auto row = db.reconciliation(company);
  if (!row.ok()) return row.status();
  if (!row->has_value() || !(*row)->unseen_since_ms) return Status::Ok();
  Reconciliation r = std::move(**row);
  r.due_ms = now;  // after connect and reconnect: at once
  r.attempts = 0;
  changed_ = true;
  return db.put_reconciliation(r);
}

Status PeriodLedger::end(Store& db, const std::string& company, std::optional<int64_t> end_ms) {
  Status error;
  auto open = open_period(db, company, error);
  if (!error.ok()) return error;
  if (!open) return Status::Ok();
  // Unknown: nothing after the start is proven. An end before the start
  // leaves an empty period.
  const int64_t end =
      std::max(open->start_ms - 1, std::min(end_ms.value_or(open->start_ms - 1), clock_.now_ms()));
  open->end_ms = end;
  if (Status s = db.put_connected_period(*open); !s.ok()) return s;
  return owe(db, company, std::max(open->start_ms, end - kLeverRetrySpanMs), end);
}

bool PeriodLedger::opened_here(const std::string& company) const {
  std::lock_guard lock(opened_mu_);
  return opened_here_.count(company) > 0;
}

}  // namespace hiresync
