// Loading a world's "lever" object into an account (see world.h): shapes,
// duplicate ids, references, inline applications turned into Lever's real
// shape (an id list plus application objects), then Lever's defaults.
#include <fmt/format.h>

#include "common/json_pointer.h"
#include "fake_lever/impl.h"
#include "fake_lever/world.h"

namespace sim::lever {

namespace {

std::string singular(const std::string& collection) {
  if (collection == "opportunities") return "opportunity";
  if (collection == "archive_reasons") return "archive reason";
  return collection.substr(0, collection.size() - 1);
}

class Loader {
 public:
  Loader(const json& lever, const WorldContext& ctx, Account& out)
      : lever_(lever), ctx_(ctx), account_(out) {}

  Status run() {
    if (!lever_.is_object()) return fail("", "expected an object with Lever's collections");
    Status s = check_keys();
    if (s.ok()) s = load_settings();
    // Order matters only for the defaults; references are checked after all.
    static const std::pair<const char*, ObjectKind> kCollections[] = {
        {"users", ObjectKind::kUser},
        {"postings", ObjectKind::kPosting},
        {"stages", ObjectKind::kStage},
        {"archive_reasons", ObjectKind::kArchiveReason},
        {"requisitions", ObjectKind::kRequisition},
        {"contacts", ObjectKind::kContact},
        {"applications", ObjectKind::kApplication},
        {"opportunities", ObjectKind::kOpportunity}};
    for (const auto& [name, kind] : kCollections) {
      if (s.ok()) s = load_collection(name, kind);
    }
    // A reference to an opportunity is always checked: a world without
    // opportunities has none to point at.
    account_.opportunities.given = true;
    if (s.ok()) s = check_unique_emails();
    if (s.ok()) s = link_applications();
    if (s.ok()) s = inline_applications();
    if (s.ok()) s = load_offers();
    if (s.ok()) s = check_references();
    if (s.ok()) fill_defaults();
    return s;
  }

 private:
  Status fail(const std::string& path, const std::string& message) const {
    return Status::InvalidArgument(
        fmt::format("{}: {}{}: {}", ctx_.where, ctx_.prefix, path, message));
  }

  Status check_keys() {
    static const std::vector<std::string> kKeys = {
        "users",  "postings",        "opportunities", "applications", "offers",
        "stages", "archive_reasons", "contacts",      "requisitions", "settings"};
    for (const auto& [key, value] : lever_.items()) {
      if (!key.empty() && key[0] == '_') continue;  // a comment, like the sample's "_about"
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        return fail("/" + pointer_segment(key),
                    fmt::format("unknown key (expected one of: {})", fmt::join(kKeys, ", ")));
      }
    }
    return Status::Ok();
  }

  Status load_settings() {
    auto it = lever_.find("settings");
    if (it == lever_.end()) return Status::Ok();
    if (!it->is_object()) return fail("/settings", "expected an object");
    for (const auto& [key, value] : it->items()) {
      const std::string path = "/settings/" + pointer_segment(key);
      if (key == "roles_with_manage_integrations") {
        if (!value.is_array()) return fail(path, "expected an array of role names");
        account_.settings.roles_with_manage_integrations.clear();
        for (const json& role : value) {
          if (!role.is_string()) return fail(path, "expected an array of role names");
          account_.settings.roles_with_manage_integrations.push_back(role.get<std::string>());
        }
      } else if (key == "offer_approval_required") {
        if (!value.is_boolean()) return fail(path, "expected true or false");
        account_.settings.offer_approval_required = value.get<bool>();
      } else if (is_switch(key)) {
        if (Status s = apply_switch(account_.settings.switches, key, value); !s.ok())
          return fail(path, s.message());
      } else {
        return fail(path, fmt::format("unknown setting (expected roles_with_manage_integrations, "
                                      "offer_approval_required, {})",
                                      fmt::join(switch_names(), ", ")));
      }
    }
    return Status::Ok();
  }

  Status load_collection(const char* name, ObjectKind kind) {
    auto it = lever_.find(name);
    if (it == lever_.end()) return Status::Ok();
    const std::string path = fmt::format("/{}", name);
    if (!it->is_array()) return fail(path, fmt::format("expected an array of {}", name));
    Collection& into = *account_.collection(name);
    // Lever always has stages and a Hired reason: an empty list means its defaults.
    if (it->empty() && (kind == ObjectKind::kStage || kind == ObjectKind::kArchiveReason)) {
      return Status::Ok();
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const json& obj = (*it)[i];
      const std::string at = fmt::format("{}/{}", path, i);
      if (auto p = check_shape(obj, kind)) return fail(at + p->path, p->message);
      const std::string id = obj["id"].get<std::string>();
      if (into.find(id) != nullptr) {
        return fail(at + "/id", fmt::format("duplicate {} id '{}'", singular(name), id));
      }
      into.add(obj);
    }
    into.given = true;
    given_count_[name] = into.size();
    return Status::Ok();
  }

  Status check_unique_emails() {
    const auto& users = account_.users.items();
    for (size_t i = 0; i < users.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (iequals(users[i].obj()["email"].get<std::string>(),
                    users[j].obj()["email"].get<std::string>())) {
          return fail(fmt::format("/users/{}/email", i),
                      fmt::format("the same email as /users/{} (a login names one user)", j));
        }
      }
    }
    return Status::Ok();
  }

  // Top-level applications (the recorded shape) and the opportunities that
  // list them must agree.
  Status link_applications() {
    const auto& apps = account_.applications.items();
    for (size_t i = 0; i < apps.size(); ++i) {
      const std::string opp_id = apps[i].obj()["opportunityId"].get<std::string>();
      const std::string at = fmt::format("/applications/{}/opportunityId", i);
      Stored* opp = account_.opportunities.find(opp_id);
      if (opp == nullptr) return fail(at, fmt::format("unknown opportunity '{}'", opp_id));
      if (!opp->obj().contains("applications")) {
        // Absent on the opportunity: Lever's value is this application.
        opp->edit()["applications"] = json::array({apps[i].id()});
        continue;
      }
      const json& listed = opp->obj()["applications"];
      if (std::find(listed.begin(), listed.end(), json(apps[i].id())) == listed.end()) {
        return fail(at, fmt::format("opportunity '{}' does not list application '{}'", opp_id,
                                    apps[i].id()));
      }
    }
    return Status::Ok();
  }

  // SPEC §6 lets a world write an opportunity's application inline; Lever
  // serves an id list, so each becomes an application object of its own.
  Status inline_applications() {
    auto& opps = account_.opportunities.items();
    for (size_t i = 0; i < opps.size(); ++i) {
      if (!opps[i].obj().contains("applications")) continue;
      json listed = opps[i].obj()["applications"];
      bool changed = false;
      for (size_t j = 0; j < listed.size(); ++j) {
        const std::string at = fmt::format("/opportunities/{}/applications/{}", i, j);
        if (listed[j].is_string()) {
          Status s = check_listed_application(listed[j].get<std::string>(), opps[i].id(), at);
          if (!s.ok()) return s;
          continue;
        }
        json app = listed[j];
        if (!app.contains("id")) app["id"] = random_uuid(ctx_.defaults.random);
        const std::string id = app["id"].get<std::string>();
        if (account_.applications.find(id) != nullptr) {
          return fail(at + "/id", fmt::format("duplicate application id '{}'", id));
        }
        app["opportunityId"] = opps[i].id();
        for (const Reference& ref : references_of(app, ObjectKind::kApplication)) {
          Status s = check_reference(ref, at);
          if (!s.ok()) return s;
        }
        account_.applications.add(std::move(app));
        listed[j] = id;
        changed = true;
      }
      if (changed) opps[i].edit()["applications"] = std::move(listed);
    }
    return Status::Ok();
  }

  Status check_listed_application(const std::string& id, const std::string& opp_id,
                                  const std::string& at) {
    if (!account_.applications.given) return Status::Ok();
    const Stored* app = account_.applications.find(id);
    if (app == nullptr) return fail(at, fmt::format("unknown application '{}'", id));
    if (app->obj()["opportunityId"] != opp_id) {
      return fail(at, fmt::format("application '{}' belongs to opportunity '{}'", id,
                                  app->obj()["opportunityId"].get<std::string>()));
    }
    return Status::Ok();
  }

  Status load_offers() {
    auto it = lever_.find("offers");
    if (it == lever_.end()) return Status::Ok();
    if (!it->is_object()) return fail("/offers", "expected an object: opportunity id → [offer]");
    std::map<std::string, std::string> seen;  // offer id → where
    for (const auto& [opp_id, offers] : it->items()) {
      const std::string path = "/offers/" + pointer_segment(opp_id);
      if (account_.opportunities.find(opp_id) == nullptr) {
        return fail(path, fmt::format("unknown opportunity '{}'", opp_id));
      }
      if (!offers.is_array()) return fail(path, "expected an array of offers");
      Collection& into = account_.offers[opp_id];
      for (size_t i = 0; i < offers.size(); ++i) {
        const std::string at = fmt::format("{}/{}", path, i);
        if (auto p = check_shape(offers[i], ObjectKind::kOffer))
          return fail(at + p->path, p->message);
        const std::string id = offers[i]["id"].get<std::string>();
        if (seen.count(id) != 0) {
          return fail(at + "/id",
                      fmt::format("duplicate offer id '{}' (also at {})", id, seen[id]));
        }
        seen[id] = ctx_.prefix + at;
        for (const Reference& ref : references_of(offers[i], ObjectKind::kOffer)) {
          Status s = check_reference(ref, at);
          if (!s.ok()) return s;
        }
        into.add(offers[i]);
      }
    }
    return Status::Ok();
  }

  Status check_reference(const Reference& ref, const std::string& object_path) {
    Collection* target = account_.collection(ref.collection);
    if (target == nullptr || !target->given || target->find(ref.id) != nullptr) {
      return Status::Ok();
    }
    if (ref.collection == "users" || ref.collection == "postings") {
      // Real responses name users and postings an export cannot list (a
      // deactivated user, an unlisted posting): Lever knows them, so the
      // world does too, as a stub of that id.
      target->add(stub_for_missing(ref.collection, ref.id));
      return Status::Ok();
    }
    return fail(object_path + ref.path,
                fmt::format("unknown {} '{}'", singular(ref.collection), ref.id));
  }

  Status check_references() {
    for (const char* name :
         {"users", "postings", "requisitions", "applications", "opportunities"}) {
      const Collection& c = *account_.collection(name);
      const ObjectKind kind = *kind_of_collection(name);
      // Inline applications were checked where they were written.
      const size_t count = given_count_.count(name) ? given_count_[name] : 0;
      for (size_t i = 0; i < count; ++i) {
        for (const Reference& ref : references_of(c.items()[i].obj(), kind)) {
          Status s = check_reference(ref, fmt::format("/{}/{}", name, i));
          if (!s.ok()) return s;
        }
      }
    }
    return Status::Ok();
  }

  const json* posting_for(const json& opp) {
    const json& apps = opp["applications"];
    if (!apps.is_array() || apps.empty() || !apps[0].is_string()) return nullptr;
    const Stored* app = account_.applications.find(apps[0].get<std::string>());
    if (app == nullptr || !app->obj().value("posting", json()).is_string()) return nullptr;
    const Stored* posting = account_.postings.find(app->obj()["posting"].get<std::string>());
    return posting == nullptr ? nullptr : &posting->obj();
  }

  void fill_defaults() {
    const DefaultsContext& d = ctx_.defaults;
    if (!account_.stages.given) add_default_stages(account_.stages);
    if (!account_.archive_reasons.given) add_default_archive_reasons(account_.archive_reasons);
    for (Stored& s : account_.archive_reasons.items())
      fill_simple(s.edit(), ObjectKind::kArchiveReason, d);
    for (Stored& s : account_.users.items()) fill_user(s.edit(), d);
    for (Stored& s : account_.postings.items()) fill_posting(s.edit(), d);
    for (Stored& s : account_.requisitions.items())
      fill_simple(s.edit(), ObjectKind::kRequisition, d);
    for (Stored& s : account_.contacts.items()) fill_simple(s.edit(), ObjectKind::kContact, d);
    for (Stored& s : account_.opportunities.items()) {
      if (!s.obj().contains("applications")) s.edit()["applications"] = json::array();
      fill_opportunity(s.edit(), posting_for(s.obj()), account_, d);
    }
    for (Stored& s : account_.applications.items()) {
      const json& opp =
          account_.opportunities.find(s.obj()["opportunityId"].get<std::string>())->obj();
      const json& app = s.obj();
      const Stored* posting = app.value("posting", json()).is_string()
                                  ? account_.postings.find(app["posting"].get<std::string>())
                                  : nullptr;
      fill_application(s.edit(), opp, posting ? &posting->obj() : nullptr);
    }
    for (auto& [opp_id, offers] : account_.offers) {
      const json* posting = posting_for(account_.opportunities.find(opp_id)->obj());
      const std::string posting_id = posting ? (*posting)["id"].get<std::string>() : std::string();
      for (Stored& s : offers.items()) fill_offer(s.edit(), posting_id, d);
    }
    if (!account_.contacts.given) derive_contacts(account_);
  }

  const json& lever_;
  const WorldContext& ctx_;
  Account& account_;
  std::map<std::string, size_t> given_count_;  // objects each collection had in the world
};

}  // namespace

Status load_lever_world(const json& lever, const WorldContext& ctx, Account& out) {
  return Loader(lever, ctx, out).run();
}

Status check_edited_object(const Account& account, const std::string& collection, const json& obj,
                           const std::string& where_path) {
  const std::optional<ObjectKind> kind = kind_of_collection(collection);
  if (!kind)
    return Status::InvalidArgument(fmt::format("{}: not an editable collection", where_path));
  if (auto p = check_shape(obj, *kind)) {
    return Status::InvalidArgument(fmt::format("{}{}: {}", where_path, p->path, p->message));
  }
  for (const Reference& ref : references_of(obj, *kind)) {
    const Collection* target = account.collection(ref.collection);
    if (target != nullptr && target->given && target->find(ref.id) == nullptr) {
      return Status::InvalidArgument(fmt::format("{}{}: unknown {} '{}'", where_path, ref.path,
                                                 singular(ref.collection), ref.id));
    }
  }
  if (*kind == ObjectKind::kOpportunity) {
    for (const json& app : obj["applications"]) {
      if (!app.is_string() || account.applications.find(app.get<std::string>()) == nullptr) {
        return Status::InvalidArgument(fmt::format(
            "{}/applications: expected existing application ids (lever.choose_job sets the job)",
            where_path));
      }
    }
  }
  return Status::Ok();
}

hiresync::Status FakeLever::add_account(const std::string& account_id, const json& lever,
                                        const std::string& where,
                                        const std::string& pointer_prefix) {
  std::lock_guard lock(impl_->mu);
  if (impl_->accounts.count(account_id) != 0) {
    return Status::InvalidArgument(
        fmt::format("{}: Lever account '{}' is already loaded", where, account_id));
  }
  Account account;
  account.id = account_id;
  WorldContext ctx{where, pointer_prefix, DefaultsContext{account_id, impl_->now(), impl_->random}};
  Status s = load_lever_world(lever, ctx, account);
  if (!s.ok()) return s;
  // A login names one user in one account: consent finds the account by it.
  const auto& users = account.users.items();
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string email = users[i].obj()["email"].get<std::string>();
    if (email.empty()) continue;  // a stub (stub_for_missing) logs in nowhere
    for (const auto& [other_id, other] : impl_->accounts) {
      for (const Stored& u : other.users.items()) {
        if (iequals(u.obj()["email"].get<std::string>(), email)) {
          return Status::InvalidArgument(
              fmt::format("{}: {}/users/{}/email: {} is already a user of Lever account '{}'",
                          where, pointer_prefix, i, email, other_id));
        }
      }
    }
  }
  impl_->accounts.emplace(account_id, std::move(account));
  return Status::Ok();
}

}  // namespace sim::lever
