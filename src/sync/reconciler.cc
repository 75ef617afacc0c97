#include "sync/reconciler.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <tuple>

#include "sync/lever_session.h"

namespace hiresync {
namespace {

constexpr int64_t kNever = INT64_MAX;  // due only after a connect or a retry
// The heartbeat is written at most this often: a start owes at most this
// much of the time before the crash twice.
constexpr int64_t kHeartbeatEveryMs = 60'000;
// A refusal is reconciled this long after it: Lever's first retry comes a
// minute after the first attempt and usually settles it by itself.
constexpr int64_t kAfterRefusalMs = 5 * 60'000;
// A store failure in the bookkeeping (the start, refusals) is tried again after this.
constexpr int64_t kBookkeepingRetryMs = 1000;
// Failed runs wait these long, then the reconciliation waits for a start,
// a connect or a Retry (visible on the integrations page meanwhile).
constexpr std::array<int64_t, 5> kBackoffMs = {60'000, 5 * 60'000, 30 * 60'000, 2 * 3'600'000,
                                               6 * 3'600'000};

bool in_some_period(const std::vector<ConnectedPeriod>& periods, int64_t t) {
  return std::any_of(periods.begin(), periods.end(), [&](const ConnectedPeriod& p) {
    return t >= p.start_ms && (!p.end_ms || t <= *p.end_ms);
  });
}

}  // namespace

Reconciler::Reconciler(const Ports& ports) : ports_(ports), started_at_ms_(ports.clock.now_ms()) {}

Status Reconciler::update_row(const std::string& company,
                              const std::function<void(Reconciliation&)>& change) {
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto row = db.reconciliation(company);
    if (!row.ok()) return row.status();
    Reconciliation r = row->value_or(blank_reconciliation(company));
    change(r);
    return db.put_reconciliation(r);
  });
  ports_.periods.mark_changed();
  return s;
}

void Reconciler::note_refused_delivery() {
  std::lock_guard lock(refused_mu_);
  if (!refused_at_ms_) refused_at_ms_ = ports_.clock.now_ms();
}

// Every company connected when the core went down may have lost the
// deliveries Lever made meanwhile.
Status Reconciler::record_start() {
  return ports_.store.atomically([&](Store& db) -> Status {
    auto alive = db.alive_at_ms();
    if (!alive.ok()) return alive.status();
    for (const auto& [company, token] : ports_.settings.config().justworks_tokens) {
      Status error;
      auto open = open_period(db, company, error);
      if (!error.ok()) return error;
      if (!open || ports_.periods.opened_here(company)) continue;
      const int64_t since = std::max(open->start_ms, *alive);
      if (Status s = ports_.periods.owe(db, company, since, started_at_ms_); !s.ok()) {
        return s;
      }
    }
    return db.put_alive_at_ms(started_at_ms_);
  });
}

Status Reconciler::record_refusals() {
  std::optional<int64_t> refused;
  {
    std::lock_guard lock(refused_mu_);
    refused = refused_at_ms_;
  }
  if (!refused) return Status::Ok();
  const int64_t now = ports_.clock.now_ms();
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    for (const auto& [company, token] : ports_.settings.config().justworks_tokens) {
      Status error;
      auto open = open_period(db, company, error);
      if (!error.ok()) return error;
      if (!open) continue;
      // The refused delivery may have been a retry of a hire up to Lever's
      // retry span old; Lever's own retries get the first chance.
      const int64_t since = std::max(open->start_ms, *refused - kLeverRetrySpanMs);
      if (Status owed = ports_.periods.owe(db, company, since, now); !owed.ok()) return owed;
      auto row = db.reconciliation(company);
      if (!row.ok()) return row.status();
      Reconciliation r = std::move(**row);
      r.due_ms = std::max(r.due_ms, now + kAfterRefusalMs);
      if (Status put = db.put_reconciliation(r); !put.ok()) return put;
    }
    return Status::Ok();
  });
  if (s.ok()) {
    std::lock_guard refused_lock(refused_mu_);
    if (refused_at_ms_ == refused) refused_at_ms_.reset();
  }
  return s;
}

void Reconciler::heartbeat(int64_t now) {
  if (now - heartbeat_at_ms_ < kHeartbeatEveryMs) return;
  if (ports_.store.call([&](Store& db) { return db.put_alive_at_ms(now); }).ok()) {
    heartbeat_at_ms_ = now;
  }
}

std::optional<int64_t> Reconciler::next_due_ms() {
  const int64_t bookkeeping = std::max(ports_.clock.now_ms(), bookkeeping_retry_at_ms_);
  if (!start_recorded_) return bookkeeping;
  {
    std::lock_guard lock(refused_mu_);
    if (refused_at_ms_) return bookkeeping;
  }
  // Never earlier than a pending bookkeeping retry: run_due does nothing
  // before it, and a timer that is due but runs nothing livelocks the caller
  // (the soak found `advance` spinning at one instant, seed 30058).
  auto not_before_bookkeeping = [&](std::optional<int64_t> at) -> std::optional<int64_t> {
    if (at && *at < bookkeeping_retry_at_ms_) return bookkeeping_retry_at_ms_;
    return at;
  };
  const bool changed = ports_.periods.take_changed();
  if (cached_next_ && !changed) return not_before_bookkeeping(*cached_next_);
  auto owed = ports_.store.call([](Store& db) { return db.owed_reconciliations(); });
  if (!owed.ok()) {
    ports_.periods.mark_changed();  // read again next time
    bookkeeping_retry_at_ms_ = ports_.clock.now_ms() + kBookkeepingRetryMs;
    return bookkeeping_retry_at_ms_;
  }
  std::optional<int64_t> next;
  for (const auto& r : *owed) {
    if (r.due_ms != kNever) next = next ? std::min(*next, r.due_ms) : r.due_ms;
  }
  cached_next_ = next;
  return not_before_bookkeeping(next);
}

int Reconciler::run_due() {
  const int64_t now = ports_.clock.now_ms();
  if (now < bookkeeping_retry_at_ms_) return 0;
  if (!start_recorded_) {
    // Nothing is owed for the downtime until this is stored: no heartbeat before it.
    if (!record_start().ok()) {
      bookkeeping_retry_at_ms_ = now + kBookkeepingRetryMs;
      return 0;
    }
    start_recorded_ = true;
    heartbeat_at_ms_ = started_at_ms_;
    ports_.periods.mark_changed();
  }
  if (!record_refusals().ok()) {
    bookkeeping_retry_at_ms_ = now + kBookkeepingRetryMs;
    return 0;
  }
  heartbeat(now);
  auto next = next_due_ms();
  if (!next || *next > now) return 0;
  auto owed = ports_.store.call([](Store& db) { return db.owed_reconciliations(); });
  if (!owed.ok()) return 0;
  int ran = 0;
  for (const Reconciliation& r : *owed) {
    if (r.due_ms <= now && reconcile(r)) ++ran;
  }
  return ran;
}

bool Reconciler::reconcile(const Reconciliation& owed) {
  const std::string& company = owed.company;
  std::optional<Integration> integration;
  std::vector<ConnectedPeriod> periods;
  Status read = ports_.store.call([&](Store& db) -> Status {
    auto i = db.integration(company);
    auto p = db.connected_periods(company);
    if (!i.ok() || !p.ok()) return Status::Unavailable("the store is unavailable");
    integration = std::move(*i);
    periods = std::move(*p);
    return Status::Ok();
  });
  if (!read.ok()) {
    failed(company, "the store is unavailable", std::nullopt);
    return true;
  }
  if (!integration || integration->status != IntegrationStatus::kConnected) {
    // No credentials to ask Lever with: Finish setup brings it back.
    update_row(company, [](Reconciliation& r) { r.due_ms = kNever; });
    return false;
  }
  const std::string connection_id = integration->connection_id;
  const int64_t since = *owed.unseen_since_ms;
  const int64_t until = owed.unseen_until_ms;

  LeverSession lever(ports_.lever, connection_id);
  auto on_lever_error = [&](const Status& s) {
    if (s.code() == Status::Code::kUnauthenticated) {
      ports_.revocation.mark_revoked(
          connection_id,
          fmt::format("Lever access was revoked ({}); connect to Lever again", s.message()));
      update_row(company, [&](Reconciliation& r) {
        r.due_ms = kNever;
        r.last_error = "Lever access was revoked; reconciliation waits for a new connection";
      });
      return;
    }
    failed(company, s.message(), lever.rate_limited_for_ms());
  };
  auto reasons = lever.hired_archive_reasons();
  if (!reasons.ok()) {
    on_lever_error(reasons.status());
    return true;
  }
  std::vector<std::string> reason_ids;
  for (const auto& r : *reasons) reason_ids.push_back(r.id);
  std::vector<lever::ArchivedOpportunity> archived;
  if (!reason_ids.empty()) {
    auto listed = lever.archived_since(since, reason_ids);
    if (!listed.ok()) {
      on_lever_error(listed.status());
      return true;
    }
    archived = std::move(*listed);
  }
  // Oldest hire first, so the queue order follows Lever's.
  std::sort(archived.begin(), archived.end(), [](const auto& a, const auto& b) {
    return std::tie(a.archived_at_ms, a.id) < std::tie(b.archived_at_ms, b.id);
  });
  int found = 0;
  for (const auto& opp : archived) {
    if (opp.archived_at_ms < since || opp.archived_at_ms > until) continue;  // deliveries trusted
    if (!in_some_period(periods, opp.archived_at_ms)) continue;  // not connected: nothing (HIRE-2)
    auto queued = queue_unknown_hire(company, connection_id, opp.id, opp.archived_at_ms);
    if (!queued.ok()) {
      failed(company, queued.status().message(), std::nullopt);
      return true;
    }
    if (*queued) ++found;
  }

  const int64_t now = ports_.clock.now_ms();
  Status s = update_row(company, [&](Reconciliation& r) {
    r.attempts = 0;
    r.last_error.clear();
    r.reconciled_at_ms = now;
    // Widened meanwhile (a refusal, a revoke): what was added is still owed.
    if (r.unseen_since_ms == owed.unseen_since_ms && r.unseen_until_ms == owed.unseen_until_ms) {
      r.unseen_since_ms.reset();
      r.unseen_until_ms = 0;
    } else {
      r.due_ms = now;
    }
  });
  if (!s.ok()) {
    failed(company, "the store is unavailable", std::nullopt);
    return true;
  }
  ports_.log.write(fmt::format("reconcile {}: {} hire(s) archived {}..{} found with no delivery",
                               company, found, since, until));
  return true;
}

Result<bool> Reconciler::queue_unknown_hire(const std::string& company,
                                            const std::string& connection_id,
                                            const std::string& opportunity,
                                            int64_t archived_at_ms) {
  const int64_t now = ports_.clock.now_ms();
  bool queued = false;
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto existing = db.hire(company, opportunity);
    if (!existing.ok()) return existing.status();
    Hire hire;
    if (existing->has_value()) {
      const Hire& known = **existing;
      // The row knows this hire if it is running, or is about this hire or a
      // later one (a delivery's triggeredAt, or what an earlier reconciliation
      // found). Not "touched since": a hire made in the same millisecond as
      // the row's last update, after it was done, is a new hire (the soak's
      // seed 10507: hired, dismissed, unhired and hired again at one instant).
      // Rows from before hired_at_ms was kept fall back to their update time.
      const int64_t about = known.hired_at_ms != 0 ? known.hired_at_ms : known.updated_at_ms;
      if (known.state == HireState::kQueued || known.state == HireState::kRunning ||
          about >= archived_at_ms) {
        return Status::Ok();
      }
      // An older hire of the same opportunity: this is a new hire event,
      // as a fresh delivery would be (the worker applies HIRE-5).
      hire.id = known.id;
      hire.generation = known.generation;
    }
    hire.company = company;
    hire.opportunity_id = opportunity;
    hire.connection_id = connection_id;
    hire.state = HireState::kQueued;
    hire.due_ms = now;
    hire.found_by_reconciliation = true;
    hire.hired_at_ms = archived_at_ms;
    hire.reason = "found by reconciliation with Lever: no delivery of this hire arrived";
    hire.updated_at_ms = now;
    auto put = db.put_hire(hire);
    if (!put.ok()) return put.status();
    queued = true;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (queued) {
    ports_.log.write(
        fmt::format("reconcile {}: hire {} had no delivery; queued", company, opportunity));
  }
  return queued;
}

void Reconciler::failed(const std::string& company, const std::string& why,
                        std::optional<int64_t> wait_ms) {
  const int64_t now = ports_.clock.now_ms();
  update_row(company, [&](Reconciliation& r) {
    r.last_error = why.substr(0, 300);
    if (wait_ms) {  // Lever's 429: not a failure of the run, just later
      r.due_ms = now + *wait_ms;
      return;
    }
    if (r.attempts < static_cast<int>(kBackoffMs.size())) {
      r.due_ms = now + kBackoffMs[static_cast<size_t>(r.attempts)];
      ++r.attempts;
    } else {
      r.due_ms = kNever;
    }
  });
  ports_.log.write(fmt::format("reconcile {}: failed: {}", company, why.substr(0, 200)));
}

}  // namespace hiresync
