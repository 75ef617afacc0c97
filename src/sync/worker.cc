#include "sync/worker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sync/backoff.h"
#include "mapping/job.h"
#include "mapping/person.h"
#include "sync/hire_email.h"

namespace hiresync {
namespace {

constexpr int kBatch = 64;
constexpr int kOutboxSeqsPerGeneration = 100000;  // far more admins than any company has
constexpr size_t kMaxManagers = 10;

// An Idempotency-Key is 1–255 printable characters (docs/justworks-api.md).
std::string printable_key(std::string key) {
  for (char& c : key) {
    if (c <= 0x20 || c >= 0x7F) c = '_';
  }
  if (key.size() <= 200) return key;
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a keeps long keys distinct and stable
  for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ULL;
  return fmt::format("{}:{:016x}", key.substr(0, 150), hash);
}

// Derived from what identifies the hire, so every retry and every rerun after
// a crash sends the same key (REL-3).
std::string pending_hire_key(const Hire& hire) {
  return printable_key(
      fmt::format("lever-hire:{}:{}:{}", hire.company, hire.opportunity_id, hire.generation));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The Lever users an offer names as manager (MAP-7 reads them; the mapping picks).
std::vector<std::string> manager_ids(const std::vector<lever::Offer>& offers) {
  std::vector<std::string> ids;
  for (const auto& offer : offers) {
    for (const auto& field : offer.fields) {
      if (field.identifier != "direct_manager" && field.identifier != "hiring_manager") continue;
      std::string id;
      if (field.value.is_string()) {
        id = field.value.get<std::string>();
      } else if (field.value.is_object() && field.value.contains("id") &&
                 field.value["id"].is_string()) {
        id = field.value["id"].get<std::string>();
      }
      if (!id.empty() && ids.size() < kMaxManagers &&
          std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(std::move(id));
      }
    }
  }
  return ids;
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

}  // namespace

Worker::Worker(CoreContext& ctx) : ctx_(ctx) {}

std::optional<int64_t> Worker::next_due_ms() {
  if (ctx_.dead) return std::nullopt;
  std::lock_guard lock(ctx_.store_mu);
  auto next = ctx_.store.next_due_ms();
  return next.ok() ? *next : std::nullopt;
}

int Worker::run_due() {
  if (ctx_.dead) return 0;
  const int64_t now = ctx_.clock.now_ms();
  Batch batch;
  std::set<int64_t> ran;  // each hire runs at most once per call, whatever it is rescheduled to
  int count = 0;
  for (;;) {
    std::vector<Hire> due;
    {
      std::lock_guard lock(ctx_.store_mu);
      auto loaded = ctx_.store.due_hires(now, kBatch);
      if (!loaded.ok()) break;
      due = std::move(*loaded);
    }
    bool progressed = false;
    for (Hire& hire : due) {
      if (!ran.insert(hire.id).second) continue;
      progressed = true;
      run_one(std::move(hire), batch);
      ++count;
      if (ctx_.dead) return count;
    }
    if (!progressed) break;
  }
  return count;
}

void Worker::run_one(Hire hire, Batch& batch) {
  std::optional<Integration> integration;
  {
    std::lock_guard lock(ctx_.store_mu);
    auto loaded = ctx_.store.integration(hire.company);
    if (!loaded.ok()) return;  // the store is failing; the hire stays due
    integration = std::move(*loaded);
  }
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
  Step stop = run_pipeline(hire, connection_id, batch);
  // Stopped at a crash point, here or inside a Lever refresh: write nothing more.
  if (ctx_.dead) return;
  finish(hire, stop ? &*stop : nullptr, connection_id);
}

// The whole hire, top-down. Three commits: the intent (before the create),
// the created pending hire with its outbox (before the first email), and the
// sent emails with the hire done. A step whose result is stored is skipped on
// a rerun: that is the resume.
Worker::Step Worker::run_pipeline(Hire& hire, const std::string& connection_id,
                                  Batch& batch) {
  auto token = ctx_.justworks_token(hire.company);
  if (!token) return Stop{Stop::Kind::kFailed, "the core has no Justworks token for this company"};
  LeverSession lever(ctx_, connection_id);
  justworks::Client jw(ctx_.http, ctx_.config.justworks_api_url, *token);

  if (hire.request_body.empty()) {
    HireInputs inputs;
    if (Step s = fetch(lever, jw, hire, batch, inputs)) return s;
    if (ctx_.crash_at("after_fetch")) return Stop{Stop::Kind::kCrashed, ""};
    if (Step s = save_intent(hire, inputs)) return s;
    if (hire.state == HireState::kDone) return std::nullopt;  // HIRE-5: it already existed
  }
  std::optional<std::vector<OutboxEmail>> outbox;  // known here once created; else stored
  if (!hire.outbox_built) {
    if (Step s = load_directory(jw, hire.company, batch)) return s;
    outbox.emplace();
    if (Step s = create_pending_hire(hire, jw, batch.directories[hire.company], *outbox)) return s;
  }
  return send_outbox(hire, jw, std::move(outbox));
}

// Reads everything the mapping needs. Never a files, resumes or offer-download
// endpoint (MAP-10).
Worker::Step Worker::fetch(LeverSession& lever, justworks::Client& jw, const Hire& hire,
                           Batch& batch, HireInputs& inputs) {
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

  opportunity->posting_id = mapping::posting_to_read(*opportunity, *offers);
  // HIRE-7: no job selected, or a posting we may not read, is no posting; the mapping notes it.
  std::optional<lever::Posting> posting;
  if (const auto& id = opportunity->posting_id) {
    auto p = read_once(batch.postings, lever.connection_id() + "\n" + *id,
                       [&] { return lever.posting(*id); });
    if (!p.ok()) return from_lever(p.status(), lever);
    posting = std::move(*p);
  }
  std::vector<lever::User> users;
  for (const std::string& id : manager_ids(*offers)) {
    auto user = read_once(batch.users, lever.connection_id() + "\n" + id,
                          [&] { return lever.user(id); });
    if (!user.ok()) return from_lever(user.status(), lever);
    if (*user) users.push_back(std::move(**user));
  }

  if (Step s = load_directory(jw, hire.company, batch)) return s;
  auto existing = related_pending_hires(jw, hire, *opportunity);
  if (!existing.ok()) return from_justworks(existing.status());

  inputs.opportunity = std::move(*opportunity);
  inputs.offers = std::move(*offers);
  inputs.posting = std::move(posting);
  inputs.users = std::move(users);
  inputs.justworks = batch.directories[hire.company].lists;
  inputs.existing_pending_hires = std::move(*existing);
  return std::nullopt;
}

// The pending hires HIRE-5 compares against: this opportunity's own (is it
// already pending?), the same Lever contact's, and any with the home email
// the mapping will choose — another contact with the same address is most
// likely the same person entered twice in Lever.
Result<std::vector<justworks::ExistingPendingHire>> Worker::related_pending_hires(
    justworks::Client& jw, const Hire& hire, const lever::Opportunity& opportunity) {
  justworks::PendingHireQuery by_person;
  if (opportunity.contact_id.empty()) {
    by_person.lever_opportunity_id = hire.opportunity_id;
  } else {
    by_person.lever_contact_id = opportunity.contact_id;
  }
  auto related = jw.pending_hires(by_person);
  if (!related.ok()) return related.status();

  std::vector<Note> unused;
  const auto email = mapping::map_home_email(opportunity, unused);
  if (!email) return related;
  justworks::PendingHireQuery by_email;
  by_email.home_email = *email;
  auto same_email = jw.pending_hires(by_email);
  if (!same_email.ok()) return same_email.status();
  for (auto& other : *same_email) {
    const bool known = std::any_of(related->begin(), related->end(),
                                   [&](const auto& h) { return h.id == other.id; });
    if (!known) related->push_back(std::move(other));
  }
  return related;
}

// Maps the hire and stores the exact request before sending it, so a retry
// sends the same body with the same key and Justworks answers with the record
// it first created.
Worker::Step Worker::save_intent(Hire& hire, const HireInputs& inputs) {
  int closed = 0;
  for (const auto& existing : inputs.existing_pending_hires) {
    if (existing.lever_opportunity_id != hire.opportunity_id) continue;
    if (existing.status == "pending") {
      // HIRE-5: hired again while its pending hire is still pending: nothing new.
      hire.state = HireState::kDone;
      hire.pending_hire_id = existing.id;
      hire.outbox_built = true;
      hire.reason = fmt::format(
          "a pending hire for this opportunity already exists ({}); nothing new was created",
          existing.id);
      hire.request_body = "{}";
      hire.updated_at_ms = ctx_.clock.now_ms();
      if (!save(hire).ok()) return Stop{Stop::Kind::kTransient, "the store is unavailable"};
      return std::nullopt;
    }
    ++closed;  // invited or dismissed: a new hire gets a new key
  }
  hire.generation = 1 + closed;

  const PendingHireDraft draft = map_hire(inputs);
  hire.request_body = to_json(draft).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  hire.idempotency_key = pending_hire_key(hire);
  std::string name = draft.first_name.value_or("");
  if (draft.last_name && !draft.last_name->empty()) {
    name += (name.empty() ? "" : " ") + *draft.last_name;
  }
  hire.candidate_name = name;
  hire.title = draft.title.value_or("");
  hire.state = HireState::kRunning;
  hire.updated_at_ms = ctx_.clock.now_ms();
  if (!save(hire).ok()) return Stop{Stop::Kind::kTransient, "the store is unavailable"};
  return std::nullopt;
}

// Creates the pending hire (again, after a lost answer or a crash: same body,
// same key, same record) and fixes the outbox in the same commit: one email
// per admin holding Manage employees now (MAIL-1).
Worker::Step Worker::create_pending_hire(Hire& hire, justworks::Client& jw,
                                         const Directory& directory,
                                         std::vector<OutboxEmail>& rows) {
  auto created = jw.create_pending_hire(hire.request_body, hire.idempotency_key);
  if (!created.ok()) return from_justworks(created.status());
  if (ctx_.crash_at("after_create")) return Stop{Stop::Kind::kCrashed, ""};
  hire.pending_hire_id = created->id;
  hire.review_url = created->review_url.empty()
                        ? ctx_.config.justworks_api_url + "/review/" + created->id
                        : created->review_url;
  hire.outbox_built = true;
  hire.updated_at_ms = ctx_.clock.now_ms();
  rows = outbox_for(hire, directory);
  std::lock_guard lock(ctx_.store_mu);
  Status s = ctx_.store.atomically([&]() -> Status {
    for (const auto& row : rows) {
      if (Status put = ctx_.store.put_outbox_email(row); !put.ok()) return put;
    }
    auto put = ctx_.store.put_hire(hire);
    return put.ok() ? Status::Ok() : put.status();
  });
  if (!s.ok()) {
    hire.outbox_built = false;
    hire.pending_hire_id.clear();
    return Stop{Stop::Kind::kTransient, "the store is unavailable"};
  }
  return std::nullopt;
}

std::vector<OutboxEmail> Worker::outbox_for(const Hire& hire, const Directory& directory) const {
  std::vector<OutboxEmail> rows;
  std::set<std::string> seen;
  for (const auto& admin : directory.notifiable_admins) {
    if (admin.email.empty() || !seen.insert(lower(admin.email)).second) continue;
    const auto email =
        compose_hire_email(admin.email, hire.candidate_name, hire.title, hire.review_url);
    OutboxEmail row;
    row.key = printable_key(fmt::format("{}:mail:{}", hire.idempotency_key,
                                        admin.id.empty() ? lower(admin.email) : admin.id));
    row.hire_id = hire.id;
    // Each pending hire of the opportunity (generation) has its own seq range,
    // so a rehire never overwrites the rows of an earlier one in the store.
    row.seq = (hire.generation - 1) * kOutboxSeqsPerGeneration + static_cast<int>(rows.size());
    row.to = email.to;
    row.subject = email.subject;
    row.text = email.text;
    row.link = email.link;
    row.updated_at_ms = hire.updated_at_ms;
    rows.push_back(std::move(row));
  }
  return rows;
}

// Sends what is still pending, then records every outcome and the finished
// hire in one commit. A crash between a send and that commit resends with the
// row's key, which Justworks answers with the email it already sent (MAIL-4).
Worker::Step Worker::send_outbox(Hire& hire, justworks::Client& jw,
                                 std::optional<std::vector<OutboxEmail>> known) {
  std::vector<OutboxEmail> rows;
  if (known) {
    rows = std::move(*known);
  } else {
    std::lock_guard lock(ctx_.store_mu);
    auto loaded = ctx_.store.outbox_of(hire.id);
    if (!loaded.ok()) return Stop{Stop::Kind::kTransient, "the store is unavailable"};
    // After a rehire (HIRE-5) the hire's outbox also holds the emails of its
    // earlier pending hires; only this one's are sent and counted.
    const std::string mine = (hire.idempotency_key + ":mail:").substr(0, 150);
    for (OutboxEmail& row : *loaded) {
      if (row.key.compare(0, mine.size(), mine) == 0) rows.push_back(std::move(row));
    }
  }
  Step stop;
  std::vector<const OutboxEmail*> changed;
  const int64_t now = ctx_.clock.now_ms();
  for (OutboxEmail& row : rows) {
    if (row.state != OutboxState::kPending) continue;
    if (ctx_.crash_at("before_email")) return Stop{Stop::Kind::kCrashed, ""};
    auto sent = jw.send_email({row.to, row.subject, row.text, row.link}, row.key);
    if (sent.ok()) {
      row.state = OutboxState::kSent;
    } else {
      const auto code = sent.status().code();
      if (code == Status::Code::kUnavailable || code == Status::Code::kUnauthenticated ||
          code == Status::Code::kInternal) {
        stop = from_justworks(sent.status());  // this row and the rest stay pending
        break;
      }
      // Refused for good (e.g. the admin is no longer a member): the others still go.
      row.state = OutboxState::kRejected;
      row.reason = sent.status().message();
    }
    row.updated_at_ms = now;
    changed.push_back(&row);
  }
  hire.emails_sent =
      static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const OutboxEmail& r) {
        return r.state == OutboxState::kSent;
      }));
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
  if (changed.empty() && stop) return stop;
  std::lock_guard lock(ctx_.store_mu);
  Status s = ctx_.store.atomically([&]() -> Status {
    for (const OutboxEmail* row : changed) {
      if (Status put = ctx_.store.put_outbox_email(*row); !put.ok()) return put;
    }
    auto put = ctx_.store.put_hire(hire);
    return put.ok() ? Status::Ok() : put.status();
  });
  if (!s.ok()) return Stop{Stop::Kind::kTransient, "the store is unavailable"};
  return stop;
}

Worker::Step Worker::load_directory(justworks::Client& jw, const std::string& company,
                                    Batch& batch) {
  if (batch.directories.count(company)) return std::nullopt;
  auto departments = jw.departments();
  if (!departments.ok()) return from_justworks(departments.status());
  auto offices = jw.offices();
  if (!offices.ok()) return from_justworks(offices.status());
  auto members = jw.members();
  if (!members.ok()) return from_justworks(members.status());
  Directory d;
  for (const auto& m : *members) {
    const bool manages = std::find(m.permissions.begin(), m.permissions.end(),
                                   "manage_employees") != m.permissions.end();
    if (m.admin && manages) d.notifiable_admins.push_back(m);
  }
  d.lists = {std::move(*departments), std::move(*offices), std::move(*members)};
  batch.directories.emplace(company, std::move(d));
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

// Records how the run ended: done, due again later, or failed with the reason.
void Worker::finish(Hire& hire, const Stop* stop, const std::string& connection_id) {
  const int64_t now = ctx_.clock.now_ms();
  hire.updated_at_ms = now;
  if (!stop) {  // the pipeline committed the hire as done
    ctx_.log.write(fmt::format("hire {}: {}", hire.opportunity_id, hire.reason));
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
        const int64_t wait_ms = next_backoff_ms(hire.attempts, ctx_.random);
        hire.state = HireState::kQueued;
        hire.due_ms = now + wait_ms;
        hire.reason = fmt::format("attempt {} failed: {}; retrying in {} ms", hire.attempts,
                                  stop->reason, wait_ms);
      }
      break;
    case Stop::Kind::kRevoked: {
      const std::string why =
          fmt::format("Lever access was revoked ({}); connect to Lever again", stop->reason);
      ctx_.mark_revoked(connection_id, why);
      hire.state = HireState::kFailed;
      hire.reason = why;
      break;
    }
    case Stop::Kind::kFailed:
      hire.state = HireState::kFailed;
      hire.reason = stop->reason;
      break;
    case Stop::Kind::kCrashed:
      return;
  }
  if (hire.state == HireState::kFailed) {
    ctx_.log.write(fmt::format("hire {}: failed: {}", hire.opportunity_id, hire.reason));
  } else {  // due again: the explanation of a run shows each retry (issue 14)
    ctx_.log.write(fmt::format("hire {}: {}", hire.opportunity_id, hire.reason));
  }
  save(hire);
}

Status Worker::save(Hire& hire) {
  std::lock_guard lock(ctx_.store_mu);
  auto id = ctx_.store.put_hire(hire);
  if (!id.ok()) return id.status();
  hire.id = *id;
  return Status::Ok();
}

}  // namespace hiresync
