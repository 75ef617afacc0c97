#include "sync/worker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "justworks/pending_hire_body.h"
#include "mapping/duplicates.h"
#include "mapping/hire_reads.h"
#include "sync/backoff.h"

namespace hiresync {
namespace {

// Derived from what identifies the hire, so every retry and every rerun after
// a crash sends the same key (REL-3).
std::string pending_hire_key(const Hire& hire) {
  return printable_key(
      fmt::format("lever-hire:{}:{}:{}", hire.company, hire.opportunity_id, hire.generation));
}

bool absent(const Status& s) {
  return s.code() == Status::Code::kNotFound || s.code() == Status::Code::kPermissionDenied;
}

// Reads what `key` names once per batch: a found or absent (404/403) answer
// is remembered, a failure is not, so the next hire tries again.
template <typename T, typename Read>
Result<std::optional<T>> read_once(std::map<std::string, std::optional<T>>& memo,
                                   const std::string& key, Read read) {
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  auto answer = read();
  if (answer.ok()) return memo[key] = std::move(*answer);
  if (absent(answer.status())) return memo[key] = std::nullopt;
  return answer.status();
}

// Who a hire is about, as related_pending_hires() looks them up: the Lever
// contact (or the opportunity, without one) and the home email, per company.
std::set<std::string> person_keys(const Hire& hire, const lever::Opportunity& opportunity,
                                  const mapping::HireReads& reads) {
  std::set<std::string> keys;
  keys.insert(opportunity.contact_id.empty()
                  ? fmt::format("{}\nopportunity\n{}", hire.company, hire.opportunity_id)
                  : fmt::format("{}\ncontact\n{}", hire.company, opportunity.contact_id));
  if (reads.home_email) {
    std::string email = *reads.home_email;
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    keys.insert(fmt::format("{}\nemail\n{}", hire.company, email));
  }
  return keys;
}

}  // namespace

Worker::Worker(const Ports& ports, int workers)
    : ports_(ports), outbox_(ports.crash), claims_(ports.store, workers), pool_(workers) {}

std::optional<int64_t> Worker::next_due_ms() {
  auto next = ports_.store.call([](Store& db) { return db.next_due_ms(); });
  return next.ok() ? *next : std::nullopt;
}

int Worker::run_due() {
  claims_.begin_round(ports_.clock.now_ms());
  pool_.run([&](int) {
    Batch batch;  // each worker's own: its reads need no lock
    work(batch);
  });
  return claims_.claimed();
}

void Worker::work(Batch& batch) {
  while (auto hire = claims_.claim()) run_one(std::move(*hire), batch);
}

void Worker::run_one(Hire hire, Batch& batch) {
  auto loaded = ports_.store.call([&](Store& db) { return db.integration(hire.company); });
  if (!loaded.ok()) return;  // the store is failing; the hire stays due
  const std::optional<Integration>& integration = *loaded;
  // After a revoke or a disconnect the remaining hires fail without a single
  // call (no retry storm); `retry` after reconnecting runs them again.
  if (!integration || integration->status != IntegrationStatus::kConnected) {
    const auto status = integration ? integration->status : IntegrationStatus::kNotConnected;
    Stop stop{
        Stop::Kind::kFailed,
        fmt::format("the integration is {}; connect to Lever, then retry", to_string(status))};
    finish(hire, &stop, "");
    return;
  }
  const std::string connection_id = integration->connection_id;
  const auto token = ports_.settings.justworks_token(hire.company);
  if (!token) {
    Stop stop{Stop::Kind::kFailed, "the core has no Justworks token for this company"};
    finish(hire, &stop, connection_id);
    return;
  }
  Run run{LeverSession(ports_.lever, connection_id),
          justworks::Client(ports_.http, ports_.settings.config().justworks_api_url, *token),
          batch};
  const Step stop = run_pipeline(hire, run);
  finish(hire, stop ? &*stop : nullptr, connection_id);
}

// The whole hire, top-down. Three commits: the intent (before the create),
// the created pending hire with its outbox (before the first email), and the
// sent emails with the hire done. A step whose result is stored is skipped on
// a rerun: that is the resume. From the Justworks read to the create the
// worker holds the person (sync/person_locks.h), so a concurrent hire of the
// same person reads after this one's pending hire exists.
Worker::Step Worker::run_pipeline(Hire& hire, Run& run) {
  PersonLocks::Held person;
  if (hire.request_body.empty()) {  // no intent stored yet
    HireInputs inputs;
    mapping::HireReads reads;
    if (Step s = read_lever(run, hire, inputs, reads)) return s;
    if (hire.resend_of_ms != 0) {  // done, then delivered again
      if (resends_synced_hire(hire, inputs.opportunity)) return record_resend(hire);
      start_again(hire);
    }
    person = persons_.hold(person_keys(hire, inputs.opportunity, reads));
    if (Step s = read_justworks(run, hire, reads, inputs)) return s;
    if (Step s = crash_point("after_fetch")) return s;
    const auto earlier = mapping::earlier_pending_hires(hire.opportunity_id, inputs);
    if (earlier.still_pending_id) return record_still_pending(hire, *earlier.still_pending_id);
    hire.generation = 1 + earlier.closed;
    if (Step s = save_intent(hire, map_hire(inputs))) return s;
  }
  std::vector<OutboxEmail> outbox;
  if (!hire.outbox_built) {
    if (Step s = create(run, hire, outbox)) return s;
  } else {
    if (Step s = load_outbox(hire, outbox)) return s;
  }
  person.release();  // Justworks has the pending hire: the person's next hire reads it
  return notify(run, hire, outbox);
}

// Reads from Lever everything the mapping needs, and only that: what to read
// beyond the opportunity and its offers the mapping decides. Never a files,
// resumes or offer-download endpoint (MAP-10).
Worker::Step Worker::read_lever(Run& run, const Hire& hire, HireInputs& inputs,
                                mapping::HireReads& reads) {
  LeverSession& lever = run.lever;
  auto opportunity = lever.opportunity(hire.opportunity_id);
  if (!opportunity.ok()) {
    if (opportunity.status().code() == Status::Code::kNotFound) {
      return Stop{Stop::Kind::kFailed,
                  fmt::format("Lever has no opportunity {} (deleted?)", hire.opportunity_id)};
    }
    return from_lever(opportunity.status(), lever);
  }
  auto offers = lever.offers(hire.opportunity_id);
  if (!offers.ok()) return from_lever(offers.status(), lever);
  reads = mapping::hire_reads(*opportunity, *offers);

  // HIRE-7: no job selected, or a posting we may not read, is no posting; the mapping notes it.
  std::optional<lever::Posting> posting;
  if (reads.posting_id) {
    auto p = read_once(run.batch.postings, lever.connection_id() + "\n" + *reads.posting_id,
                       [&] { return lever.posting(*reads.posting_id); });
    if (!p.ok()) return from_lever(p.status(), lever);
    posting = std::move(*p);
  }
  std::vector<lever::User> users;
  for (const std::string& id : reads.user_ids) {
    auto user = read_once(run.batch.users, lever.connection_id() + "\n" + id,
                          [&] { return lever.user(id); });
    if (!user.ok()) return from_lever(user.status(), lever);
    if (*user) users.push_back(std::move(**user));
  }
  inputs.opportunity = std::move(*opportunity);
  inputs.offers = std::move(*offers);
  inputs.posting = std::move(posting);
  inputs.users = std::move(users);
  return std::nullopt;
}

// Reads from Justworks what the mapping compares the hire with: the
// company's lists and members, and the pending hires of the same person.
Worker::Step Worker::read_justworks(Run& run, const Hire& hire, const mapping::HireReads& reads,
                                    HireInputs& inputs) {
  if (Step s = read_directory(run, hire.company)) return s;
  auto existing = related_pending_hires(run.jw, hire, inputs.opportunity, reads.home_email);
  if (!existing.ok()) return from_justworks(existing.status());
  inputs.justworks = run.batch.directories[hire.company].lists;
  inputs.existing_pending_hires = std::move(*existing);
  return std::nullopt;
}

// A done hire delivered again (Hire::resend_of_ms) is Lever resending the
// hire the row synced when Lever's hire is no later than that one, and the
// delivery was made after it: a minted retry or Rerun. A re-hire made in the
// very millisecond of the first (possible on a virtual clock) is triggered
// at its own archivedAt, so it stays a re-hire.
bool Worker::resends_synced_hire(const Hire& hire, const lever::Opportunity& opportunity) const {
  const int64_t hired_at = opportunity.archived_at_ms;
  return hired_at != 0 && hired_at <= hire.resend_of_ms && hire.hired_at_ms > hired_at;
}

// HIRE-4 for a minted resend: the hire is what it was. Nothing is created or sent.
Worker::Step Worker::record_resend(Hire& hire) {
  hire.state = HireState::kDone;
  hire.hired_at_ms = hire.resend_of_ms;
  hire.resend_of_ms = 0;
  hire.request_body = "{}";
  hire.outbox_built = true;
  hire.reason = fmt::format(
      "Lever sent this hire again with a new delivery token (a Rerun or retry); it is the hire "
      "already synced{}: nothing new",
      hire.pending_hire_id.empty() ? "" : fmt::format(" (pending hire {})", hire.pending_hire_id));
  hire.updated_at_ms = ports_.clock.now_ms();
  if (Status s = save(hire); !s.ok()) return from_store(s);
  return std::nullopt;
}

// A re-hire: what the row showed of the hire before is not this hire's.
void Worker::start_again(Hire& hire) {
  hire.resend_of_ms = 0;
  hire.pending_hire_id.clear();
  hire.review_url.clear();
  hire.emails_sent = 0;
  hire.found_by_reconciliation = false;
  hire.candidate_name.clear();
  hire.title.clear();
}

// HIRE-5: hired again while its pending hire is still pending: nothing new.
Worker::Step Worker::record_still_pending(Hire& hire, const std::string& pending_hire_id) {
  hire.state = HireState::kDone;
  hire.pending_hire_id = pending_hire_id;
  hire.outbox_built = true;
  hire.reason = fmt::format(
      "a pending hire for this opportunity already exists ({}); nothing new was created",
      pending_hire_id);
  hire.request_body = "{}";
  hire.updated_at_ms = ports_.clock.now_ms();
  if (Status s = save(hire); !s.ok()) return from_store(s);
  return std::nullopt;
}

// Stores the exact request before sending it, so a retry sends the same body
// with the same key and Justworks answers with the record it first created.
Worker::Step Worker::save_intent(Hire& hire, const PendingHireDraft& draft) {
  hire.request_body = justworks::pending_hire_body(draft).dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  hire.idempotency_key = pending_hire_key(hire);
  std::string name = draft.first_name.value_or("");
  if (draft.last_name && !draft.last_name->empty()) {
    name += (name.empty() ? "" : " ") + *draft.last_name;
  }
  hire.candidate_name = name;
  hire.title = draft.title.value_or("");
  hire.state = HireState::kRunning;
  hire.updated_at_ms = ports_.clock.now_ms();
  if (Status s = save(hire); !s.ok()) return from_store(s);
  return std::nullopt;
}

// Creates the pending hire (again, after a lost answer or a crash: same body,
// same key, same record) and fixes the outbox in the same commit: one email
// per admin holding Manage employees now (MAIL-1).
Worker::Step Worker::create(Run& run, Hire& hire, std::vector<OutboxEmail>& outbox) {
  if (Step s = read_directory(run, hire.company)) return s;
  auto created = run.jw.create_pending_hire(hire.request_body, hire.idempotency_key);
  if (!created.ok()) return from_justworks(created.status());
  if (Step s = crash_point("after_create")) return s;
  hire.pending_hire_id = created->id;
  hire.review_url = created->review_url.empty()
                        ? ports_.settings.config().justworks_api_url + "/review/" + created->id
                        : created->review_url;
  hire.outbox_built = true;
  hire.updated_at_ms = ports_.clock.now_ms();
  outbox = compose_outbox(hire, run.batch.directories[hire.company].notifiable_admins);
  std::vector<const OutboxEmail*> rows;
  for (const OutboxEmail& row : outbox) rows.push_back(&row);
  if (Status s = commit(hire, rows); !s.ok()) {
    hire.outbox_built = false;
    hire.pending_hire_id.clear();
    return from_store(s);
  }
  return std::nullopt;
}

// On a rerun after the create: the outbox as stored.
Worker::Step Worker::load_outbox(const Hire& hire, std::vector<OutboxEmail>& outbox) {
  auto stored = ports_.store.call([&](Store& db) { return db.outbox_of(hire.id); });
  if (!stored.ok()) return from_store(stored.status());
  outbox = rows_of_current(hire, std::move(*stored));
  return std::nullopt;
}

// Sends what is still pending, then records every outcome and the finished
// hire in one commit. A crash between a send and that commit resends with the
// row's key, which Justworks answers with the email it already sent (MAIL-4).
Worker::Step Worker::notify(Run& run, Hire& hire, std::vector<OutboxEmail>& outbox) {
  const int64_t now = ports_.clock.now_ms();
  const OutboxSent sent = outbox_.send(run.jw, outbox, now);
  hire.emails_sent = sent.sent_count;
  const Step stop = sent.stopped.ok() ? std::nullopt : from_justworks(sent.stopped);
  if (!stop) {
    hire.state = HireState::kDone;
    hire.reason = hire.emails_sent > 0
                      ? fmt::format("pending hire {} created, {} email(s) sent",
                                    hire.pending_hire_id, hire.emails_sent)
                      : fmt::format(
                            "pending hire {} created; no email sent: no Justworks admin "
                            "holds Manage employees",
                            hire.pending_hire_id);  // MAIL-3
    hire.updated_at_ms = now;
  }
  if (sent.changed.empty() && stop) return stop;
  if (Status s = commit(hire, sent.changed); !s.ok()) return from_store(s);
  return stop;
}

Worker::Step Worker::read_directory(Run& run, const std::string& company) {
  if (run.batch.directories.count(company)) return std::nullopt;
  auto lists = run.jw.company_lists();
  if (!lists.ok()) return from_justworks(lists.status());
  auto members = run.jw.members();
  if (!members.ok()) return from_justworks(members.status());
  Directory d;
  d.notifiable_admins = notifiable_admins(*members);
  d.lists = {std::move(lists->departments), std::move(lists->offices), std::move(*members)};
  run.batch.directories.emplace(company, std::move(d));
  return std::nullopt;
}

// The pending hires HIRE-5 compares against: this opportunity's own (is it
// already pending?), the same Lever contact's, and any with the home email
// the mapping chose — another contact with the same address is most likely
// the same person entered twice in Lever.
Result<std::vector<justworks::ExistingPendingHire>> Worker::related_pending_hires(
    justworks::Client& jw, const Hire& hire, const lever::Opportunity& opportunity,
    const std::optional<std::string>& home_email) {
  justworks::PendingHireQuery by_person;
  if (opportunity.contact_id.empty()) {
    by_person.lever_opportunity_id = hire.opportunity_id;
  } else {
    by_person.lever_contact_id = opportunity.contact_id;
  }
  auto related = jw.pending_hires(by_person);
  if (!related.ok()) return related.status();
  if (!home_email) return related;
  justworks::PendingHireQuery by_email;
  by_email.home_email = *home_email;
  auto same_email = jw.pending_hires(by_email);
  if (!same_email.ok()) return same_email.status();
  for (auto& other : *same_email) {
    const bool known = std::any_of(related->begin(), related->end(),
                                   [&](const auto& h) { return h.id == other.id; });
    if (!known) related->push_back(std::move(other));
  }
  return related;
}

// REL-4: the host may stop the core here; the run then ends as after any
// failure, and the stopped core's ports write nothing of it.
Worker::Step Worker::crash_point(std::string_view point) {
  if (Status s = ports_.crash.crash_point(point); !s.ok()) {
    return Stop{Stop::Kind::kTransient, s.message()};
  }
  return std::nullopt;
}

Worker::Step Worker::from_lever(const Status& status, const LeverSession& lever) const {
  switch (status.code()) {
    case Status::Code::kUnauthenticated:
      return Stop{Stop::Kind::kRevoked, status.message()};
    case Status::Code::kUnavailable:
      if (auto wait_ms = lever.rate_limited_for_ms()) {
        return Stop{Stop::Kind::kRateLimited, status.message(), *wait_ms};
      }
      return Stop{Stop::Kind::kTransient, status.message()};
    default:
      return Stop{Stop::Kind::kFailed, status.message()};
  }
}

Worker::Step Worker::from_justworks(const Status& status) const {
  if (status.code() == Status::Code::kUnavailable) {
    return Stop{Stop::Kind::kTransient, status.message()};
  }
  return Stop{Stop::Kind::kFailed, status.message()};
}

Worker::Step Worker::from_store(const Status&) const {
  return Stop{Stop::Kind::kTransient, "the store is unavailable"};
}

// Records how the run ended: done, due again later, or failed with the reason.
void Worker::finish(Hire& hire, const Stop* stop, const std::string& connection_id) {
  const int64_t now = ports_.clock.now_ms();
  hire.updated_at_ms = now;
  if (!stop) {  // the pipeline committed the hire as done
    ports_.log.write(fmt::format("hire {}: {}", hire.opportunity_id, hire.reason));
    return;
  }
  switch (stop->kind) {
    case Stop::Kind::kRateLimited:
      hire.state = HireState::kQueued;
      hire.due_ms = now + stop->retry_after_ms;
      hire.reason = fmt::format("Lever rate limit; retrying in {} ms", stop->retry_after_ms);
      break;
    case Stop::Kind::kTransient:
      ++hire.attempts;
      if (hire.attempts >= kMaxAttempts) {
        hire.state = HireState::kFailed;
        hire.reason = fmt::format("gave up after {} attempts: {}", hire.attempts, stop->reason);
      } else {
        const int64_t wait_ms = next_backoff_ms(hire.attempts, ports_.random);
        hire.state = HireState::kQueued;
        hire.due_ms = now + wait_ms;
        hire.reason = fmt::format("attempt {} failed: {}; retrying in {} ms", hire.attempts,
                                  stop->reason, wait_ms);
      }
      break;
    case Stop::Kind::kRevoked: {
      const std::string why =
          fmt::format("Lever access was revoked ({}); connect to Lever again", stop->reason);
      ports_.revocation.mark_revoked(connection_id, why);
      hire.state = HireState::kFailed;
      hire.reason = why;
      break;
    }
    case Stop::Kind::kFailed:
      hire.state = HireState::kFailed;
      hire.reason = stop->reason;
      break;
  }
  if (hire.state == HireState::kFailed) {
    ports_.log.write(fmt::format("hire {}: failed: {}", hire.opportunity_id, hire.reason));
  } else {  // due again: the explanation of a run shows each retry (issue 14)
    ports_.log.write(fmt::format("hire {}: {}", hire.opportunity_id, hire.reason));
  }
  save(hire);
}

Status Worker::save(Hire& hire) {
  auto id = ports_.store.call([&](Store& db) { return db.put_hire(hire); });
  if (!id.ok()) return id.status();
  hire.id = *id;
  return Status::Ok();
}

// The hire with these outbox rows, in one commit.
Status Worker::commit(const Hire& hire, const std::vector<const OutboxEmail*>& rows) {
  return ports_.store.atomically([&](Store& db) -> Status {
    for (const OutboxEmail* row : rows) {
      if (Status put = db.put_outbox_email(*row); !put.ok()) return put;
    }
    auto put = db.put_hire(hire);
    return put.ok() ? Status::Ok() : put.status();
  });
}

}  // namespace hiresync
