// What a Lever user does on a candidate's page and in settings: choose a job,
// move a stage, hire / unhire / archive, switch a webhook event group, and
// edit data directly (set). Each action changes state and queues the
// webhooks Lever would send; none sends anything itself.
#include <fmt/format.h>

#include "fake_lever/impl.h"
#include "fake_lever/world.h"

namespace sim::lever {

namespace {

// The account, opportunity and acting user of an action on a candidate.
struct Target {
  Account* account = nullptr;
  Stored* opp = nullptr;
  std::string actor_id;
};

Result<Target> find_target(FakeLever::Impl& impl, const std::string& account_id,
                           const std::string& opportunity, const std::string& actor) {
  Target t;
  Result<Account*> account = impl.find_account(account_id);
  if (!account.ok()) return account.status();
  t.account = *account;
  Result<Stored*> opp = impl.find_opportunity(*t.account, opportunity);
  if (!opp.ok()) return opp.status();
  t.opp = *opp;
  Result<std::string> actor_id = impl.resolve_actor(*t.account, actor);
  if (!actor_id.ok()) return actor_id.status();
  t.actor_id = *actor_id;
  return t;
}

// The ids every candidate event carries; candidateId is Lever's deprecated
// alias of opportunityId.
json candidate_ids(const json& opp) {
  return {{"opportunityId", opp["id"]},
          {"candidateId", opp["id"]},
          {"contactId", field(opp, "contact")}};
}

const Stored* find_by_id_or_text(const Collection& c, const std::string& key) {
  if (const Stored* s = c.find(key)) return s;
  for (const Stored& s : c.items()) {
    const json& text = field(s.obj(), "text");
    if (text.is_string() && iequals(text.get_ref<const std::string&>(), key)) return &s;
  }
  return nullptr;
}

bool is_hired_reason(const Account& account, const json& archived) {
  const json& reason = field(archived, "reason");
  if (!reason.is_string()) return false;
  const Stored* r = account.archive_reasons.find(reason.get<std::string>());
  return r != nullptr && field(r->obj(), "type") == "hired";
}

// Sets the opportunity's (and its application's) archived state and queues
// candidateArchiveChange unless `emit` is false. Lever counts an archive as
// an interaction and an advance: both timestamps move with updatedAt.
void set_archived(FakeLever::Impl& impl, Target& t, json to, bool emit = true) {
  json from = field(t.opp->obj(), "archived");
  json& opp = t.opp->edit();
  opp["archived"] = to;
  opp["lastAdvancedAt"] = opp["updatedAt"] = opp["lastInteractionAt"] = impl.now();
  for (const json& app_id : field(opp, "applications")) {
    if (!app_id.is_string()) continue;
    if (Stored* app = t.account->applications.find(app_id.get<std::string>())) {
      app->edit()["archived"] = to;
    }
  }
  json data = candidate_ids(opp);
  data["fromArchived"] = std::move(from);
  data["toArchived"] = std::move(to);
  if (emit) impl.emit_event(*t.account, "candidateArchiveChange", data, &t.opp->obj());
}

}  // namespace

hiresync::Status FakeLever::choose_job(const std::string& account, const std::string& opportunity,
                                       const std::string& posting, const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Target> t = find_target(*impl_, account, opportunity, actor);
  if (!t.ok()) return t.status();
  const Stored* job = t->account->postings.find(posting);
  if (job == nullptr) {
    return Status::NotFound(fmt::format("account {} has no posting '{}'", account, posting));
  }
  const json& p = job->obj();
  json& opp = t->opp->edit();
  Stored* app = nullptr;
  const json& apps = field(opp, "applications");
  if (apps.is_array() && !apps.empty() && apps[0].is_string()) {
    app = t->account->applications.find(apps[0].get<std::string>());
  }
  if (app != nullptr) {
    json& a = app->edit();
    a["posting"] = posting;
    a["postingOwner"] = field(p, "owner");
    a["postingHiringManager"] = field(p, "hiringManager");
  } else {
    // No application yet: choosing a job creates one, as in Lever's UI.
    json a = {{"id", impl_->new_id()},
              {"opportunityId", opp["id"]},
              {"posting", posting},
              {"user", t->actor_id},
              {"createdAt", impl_->now()}};
    fill_application(a, opp, &p);
    opp["applications"] = json::array({a["id"]});
    json data = candidate_ids(opp);
    data["applicationId"] = a["id"];
    app = &t->account->applications.add(std::move(a));
    impl_->emit_event(*t->account, "applicationCreated", data, &opp);
  }
  const json& location = field(field(p, "categories"), "location");
  if (location.is_string()) opp["opportunityLocation"] = location;
  opp["updatedAt"] = impl_->now();
  return Status::Ok();
}

hiresync::Status FakeLever::move_stage(const std::string& account, const std::string& opportunity,
                                       const std::string& stage, const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Target> t = find_target(*impl_, account, opportunity, actor);
  if (!t.ok()) return t.status();
  const Stored* to = find_by_id_or_text(t->account->stages, stage);
  if (to == nullptr) {
    std::vector<std::string> known;
    for (const Stored& s : t->account->stages.items()) known.push_back(s.id());
    return Status::NotFound(fmt::format("account {} has no stage '{}' (stages: {})", account, stage,
                                        fmt::join(known, ", ")));
  }
  const json from = field(t->opp->obj(), "stage");
  if (from == to->id()) return Status::Ok();  // already there: Lever records nothing
  int index = 0;
  const auto& stages = t->account->stages.items();
  for (size_t i = 0; i < stages.size(); ++i) {
    if (&stages[i] == to) index = static_cast<int>(i);
  }
  json& opp = t->opp->edit();
  opp["stage"] = to->id();
  if (!opp["stageChanges"].is_array()) opp["stageChanges"] = json::array();
  opp["stageChanges"].push_back({{"toStageId", to->id()},
                                 {"toStageIndex", index},
                                 {"updatedAt", impl_->now()},
                                 {"userId", t->actor_id}});
  opp["lastAdvancedAt"] = opp["updatedAt"] = opp["lastInteractionAt"] = impl_->now();
  json data = candidate_ids(opp);
  data["fromStageId"] = from;
  data["toStageId"] = to->id();
  impl_->emit_event(*t->account, "candidateStageChange", data, &opp);
  return Status::Ok();
}

hiresync::Status FakeLever::hire(const std::string& account, const std::string& opportunity,
                                 const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Target> t = find_target(*impl_, account, opportunity, actor);
  if (!t.ok()) return t.status();
  const json& opp = t->opp->obj();
  if (field(opp, "isAnonymized") == true) {
    return Status::Conflict(
        fmt::format("opportunity {} is anonymized and cannot be hired", opportunity));
  }
  if (is_hired_reason(*t->account, field(opp, "archived"))) {
    return Status::Conflict(fmt::format("opportunity {} is already hired", opportunity));
  }
  const Stored* hired = nullptr;
  for (const Stored& r : t->account->archive_reasons.items()) {
    if (field(r.obj(), "type") == "hired" && field(r.obj(), "status") != "inactive") {
      hired = &r;
      break;
    }
  }
  if (hired == nullptr) {
    return Status::Conflict(
        fmt::format("account {} has no active archive reason of type hired", account));
  }
  // Hired = archived with a hired-type reason; the stage stays where it was.
  // Which events that sends, in which order, Lever does not say: a switch.
  const HireEvents events = t->account->settings.switches.hire_events;
  const bool archive_change = events != HireEvents::kHiredOnly;
  const bool hired_event = events != HireEvents::kArchiveChangeOnly;
  auto emit_hired = [&] {
    impl_->emit_event(*t->account, "candidateHired", candidate_ids(t->opp->obj()), &t->opp->obj());
  };
  if (hired_event && events == HireEvents::kHiredThenArchiveChange) {
    // The state first (the event describes it), then the events in order.
    const json from = field(t->opp->obj(), "archived");
    set_archived(*impl_, *t, json{{"archivedAt", impl_->now()}, {"reason", hired->id()}},
                 /*emit=*/false);
    emit_hired();
    json data = candidate_ids(t->opp->obj());
    data["fromArchived"] = from;
    data["toArchived"] = field(t->opp->obj(), "archived");
    impl_->emit_event(*t->account, "candidateArchiveChange", data, &t->opp->obj());
    return Status::Ok();
  }
  set_archived(*impl_, *t, json{{"archivedAt", impl_->now()}, {"reason", hired->id()}},
               archive_change);
  if (hired_event) emit_hired();
  return Status::Ok();
}

hiresync::Status FakeLever::deliver_hired(const std::string& account,
                                          const std::string& opportunity) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> a = impl_->find_account(account);
  if (!a.ok()) return a.status();
  Result<Stored*> opp = impl_->find_opportunity(**a, opportunity);
  if (!opp.ok()) return opp.status();
  if (!is_hired_reason(**a, field((*opp)->obj(), "archived"))) {
    return Status::Conflict(fmt::format("opportunity {} is not archived as hired", opportunity));
  }
  impl_->emit_event(**a, "candidateHired", candidate_ids((*opp)->obj()), &(*opp)->obj());
  return Status::Ok();
}

hiresync::Status FakeLever::unhire(const std::string& account, const std::string& opportunity,
                                   const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Target> t = find_target(*impl_, account, opportunity, actor);
  if (!t.ok()) return t.status();
  if (!field(t->opp->obj(), "archived").is_object()) {
    return Status::Conflict(fmt::format("opportunity {} is not archived", opportunity));
  }
  // Lever has no "unhired" event: only the archive change, with fromArchived set.
  set_archived(*impl_, *t, json());
  return Status::Ok();
}

hiresync::Status FakeLever::archive(const std::string& account, const std::string& opportunity,
                                    const std::string& reason, const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Target> t = find_target(*impl_, account, opportunity, actor);
  if (!t.ok()) return t.status();
  const Stored* r = find_by_id_or_text(t->account->archive_reasons, reason);
  if (r == nullptr) {
    return Status::NotFound(fmt::format("account {} has no archive reason '{}'", account, reason));
  }
  if (field(r->obj(), "type") == "hired") {
    return Status::InvalidArgument(
        fmt::format("archive reason '{}' is of type hired: use hire", reason));
  }
  if (field(r->obj(), "status") == "inactive") {
    return Status::Conflict(fmt::format("archive reason '{}' is inactive", reason));
  }
  if (field(field(t->opp->obj(), "archived"), "reason") == r->id()) {
    return Status::Conflict(fmt::format("opportunity {} is already archived as '{}'", opportunity,
                                        field(r->obj(), "text").get<std::string>()));
  }
  set_archived(*impl_, *t, json{{"archivedAt", impl_->now()}, {"reason", r->id()}});
  return Status::Ok();
}

hiresync::Status FakeLever::set_webhook_enabled(const std::string& account_id,
                                                const std::string& event, bool enabled,
                                                const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> account = impl_->find_account(account_id);
  if (!account.ok()) return account.status();
  if (std::find(kWebhookEvents.begin(), kWebhookEvents.end(), event) == kWebhookEvents.end()) {
    return Status::InvalidArgument(fmt::format("'{}' is not a Lever webhook event", event));
  }
  // Only a holder of "Manage API credentials and manage integrations" may toggle.
  Status allowed = impl_->require_manage_integrations(**account, actor);
  if (!allowed.ok()) return allowed;
  if (enabled) {
    (*account)->enabled_events.insert(event);
  } else {
    (*account)->enabled_events.erase(event);
  }
  return Status::Ok();
}

}  // namespace sim::lever
