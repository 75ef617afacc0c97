// Building a world from an export (see world_builder.h). References to users
// and postings the export lacks are left to the fake Lever's loader, which
// stubs them; here they are only named, so the support engineer knows.
#include "repro/world_builder.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "fake_lever/world.h"

namespace sim::repro {
namespace {

using hiresync::Status;
using nlohmann::json;

std::string str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

lever::ObjectKind object_kind(LeverKind kind) {
  switch (kind) {
    case LeverKind::kOpportunity:
      return lever::ObjectKind::kOpportunity;
    case LeverKind::kOffer:
      return lever::ObjectKind::kOffer;
    case LeverKind::kPosting:
      return lever::ObjectKind::kPosting;
    case LeverKind::kUser:
      return lever::ObjectKind::kUser;
    case LeverKind::kStage:
      return lever::ObjectKind::kStage;
    case LeverKind::kArchiveReason:
      return lever::ObjectKind::kArchiveReason;
    case LeverKind::kApplication:
      return lever::ObjectKind::kApplication;
    default:
      return lever::ObjectKind::kContact;
  }
}

class Builder {
 public:
  explicit Builder(const LeverExport& e) : e_(e) {}

  hiresync::Result<ImportedWorld> run() {
    collect();
    if (by_kind_[LeverKind::kOpportunity].empty())
      return Status::InvalidArgument(
          "the export holds no opportunity (save GET /v1/opportunities/<id>, or the list)");
    for (const ExportedObject* o : by_kind_[LeverKind::kOpportunity])
      out_.opportunities.push_back(o->value["id"]);
    Status s = tie_offers();
    if (s.ok()) s = place_applications();
    if (!s.ok()) return s;
    place_stages();
    place_archive_reasons();
    place_contacts();
    name_missing_references();
    choose_lever_admin();
    s = justworks_side();
    if (!s.ok()) return s;
    lever_["users"] = list(LeverKind::kUser);
    lever_["postings"] = list(LeverKind::kPosting);
    lever_["opportunities"] = list(LeverKind::kOpportunity);
    if (!extra_users_.empty())
      for (const json& u : extra_users_) lever_["users"].push_back(u);
    lever_["offers"] = offers_;
    out_.world = json{{"lever", lever_}, {"justworks", justworks_}};
    find_hired();
    out_.notes.insert(out_.notes.begin(), e_.warnings.begin(), e_.warnings.end());
    return std::move(out_);
  }

 private:
  // Each kind's objects, first occurrence of an id kept (pages overlap).
  void collect() {
    std::map<std::pair<LeverKind, std::string>, const ExportedObject*> seen;
    for (const ExportedObject& o : e_.objects) {
      const auto key = std::make_pair(o.kind, o.value["id"].get<std::string>());
      auto [it, fresh] = seen.emplace(key, &o);
      if (!fresh) {
        if (it->second->value != o.value)
          out_.notes.push_back(
              fmt::format("{}: {} '{}' also at {} with other values: the first is used", o.where(),
                          kind_name(o.kind), key.second, it->second->where()));
        continue;
      }
      by_kind_[o.kind].push_back(&o);
    }
  }

  json list(LeverKind kind) {
    json out = json::array();
    for (const ExportedObject* o : by_kind_[kind]) out.push_back(o->value);
    return out;
  }

  const ExportedObject* find(LeverKind kind, const std::string& id) {
    for (const ExportedObject* o : by_kind_[kind]) {
      if (o->value["id"] == id) return o;
    }
    return nullptr;
  }

  // Which opportunity an offer belongs to, from what the response says: the
  // file's name or folder, the offer's own fields, then the only candidate.
  hiresync::Result<std::string> opportunity_of(const ExportedObject& offer) {
    std::vector<std::string> in_path;
    for (const std::string& id : out_.opportunities) {
      if (offer.file.find(id) != std::string::npos) in_path.push_back(id);
    }
    if (in_path.size() == 1) return in_path[0];
    const json& v = offer.value;
    if (const std::string id = str(v, "opportunityId");
        !id.empty() && find(LeverKind::kOpportunity, id))
      return id;
    for (const char* doc : {"signedDocument", "sentDocument"}) {
      const std::string url =
          v.contains(doc) && v[doc].is_object() ? str(v[doc], "downloadUrl") : "";
      for (const std::string& id : out_.opportunities) {
        if (url.find("/opportunities/" + id + "/") != std::string::npos) return id;
      }
    }
    for (const json& f : v.value("fields", json::array())) {
      // Lever's job_posting field holds the application's id.
      if (!f.is_object() || str(f, "identifier") != "job_posting") continue;
      if (const ExportedObject* app = find(LeverKind::kApplication, str(f, "value")))
        return str(app->value, "opportunityId");
    }
    const json candidate = v.value("signatures", json::object()).value("candidate", json::object());
    if (const std::string email = candidate.is_object() ? str(candidate, "email") : "";
        !email.empty()) {
      std::vector<std::string> by_email;
      for (const ExportedObject* o : by_kind_[LeverKind::kOpportunity]) {
        const json& emails = o->value.value("emails", json::array());
        if (std::find(emails.begin(), emails.end(), json(email)) != emails.end())
          by_email.push_back(o->value["id"]);
      }
      if (by_email.size() == 1) return by_email[0];
    }
    if (out_.opportunities.size() == 1) return out_.opportunities[0];
    return Status::InvalidArgument(fmt::format(
        "{}: offer '{}': cannot tell which opportunity it belongs to; save each opportunity's "
        "offers in a file named after it, e.g. offers-<opportunity id>.json",
        offer.where(), str(v, "id")));
  }

  Status tie_offers() {
    offers_ = json::object();
    for (const ExportedObject* o : by_kind_[LeverKind::kOffer]) {
      auto opp = opportunity_of(*o);
      if (!opp.ok()) return opp.status();
      if (!offers_.contains(*opp)) offers_[*opp] = json::array();
      offers_[*opp].push_back(o->value);
    }
    // Lever lists an opportunity's offers oldest first; pages may come in any order.
    for (auto& [_, offers] : offers_.items()) {
      std::stable_sort(offers.begin(), offers.end(), [](const json& a, const json& b) {
        return a.value("createdAt", json(0)).is_number() &&
               b.value("createdAt", json(0)).is_number() &&
               a.value("createdAt", json(0)).get<int64_t>() <
                   b.value("createdAt", json(0)).get<int64_t>();
      });
    }
    return Status::Ok();
  }

  // Applications must agree with the opportunities listing them; one the
  // export names but lacks is made up, with the job its offers name.
  Status place_applications() {
    json apps = json::array();
    std::set<std::string> placed;
    for (const ExportedObject* a : by_kind_[LeverKind::kApplication]) {
      const std::string id = a->value["id"], opp_id = str(a->value, "opportunityId");
      const ExportedObject* opp = find(LeverKind::kOpportunity, opp_id);
      if (opp == nullptr) {
        out_.notes.push_back(
            fmt::format("{}: application '{}' is for opportunity '{}', which the "
                        "export does not hold: skipped",
                        a->where(), id, opp_id));
        continue;
      }
      const json& listed = opp->value.value("applications", json::array());
      if (opp->value.contains("applications") &&
          std::find(listed.begin(), listed.end(), json(id)) == listed.end()) {
        out_.notes.push_back(
            fmt::format("{}: application '{}' is not the one opportunity '{}' "
                        "lists: skipped",
                        a->where(), id, opp_id));
        continue;
      }
      apps.push_back(a->value);
      placed.insert(id);
    }
    for (const ExportedObject* opp : by_kind_[LeverKind::kOpportunity]) {
      const std::string opp_id = opp->value["id"];
      for (const json& id : opp->value.value("applications", json::array())) {
        if (!id.is_string() || placed.count(id.get<std::string>())) continue;
        json stub = {{"id", id}, {"opportunityId", opp_id}, {"type", "user"}, {"posting", nullptr}};
        std::string posting;
        if (offers_.contains(opp_id)) {
          for (const json& offer : offers_[opp_id]) {
            if (!str(offer, "posting").empty()) posting = str(offer, "posting");
          }
        }
        if (!posting.empty()) stub["posting"] = posting;
        apps.push_back(stub);
        placed.insert(id.get<std::string>());
        out_.notes.push_back(
            fmt::format("{}/applications: application '{}' is not in the export (save GET "
                        "/v1/opportunities/{}/applications): made up, {}",
                        opp->where(), id.get<std::string>(), opp_id,
                        posting.empty() ? "with no job, so the posting's fields will be empty"
                                        : "with the job its offer names (" + posting + ")"));
      }
    }
    if (!apps.empty()) lever_["applications"] = apps;
    return Status::Ok();
  }

  void place_stages() {
    if (by_kind_[LeverKind::kStage].empty()) return;  // Lever's defaults, unchecked
    json stages = list(LeverKind::kStage);
    std::set<std::string> known;
    for (const json& s : stages) known.insert(s["id"].get<std::string>());
    for (const ExportedObject* opp : by_kind_[LeverKind::kOpportunity]) {
      std::vector<std::string> ids = {str(opp->value, "stage")};
      for (const json& c : opp->value.value("stageChanges", json::array())) {
        if (c.is_object()) ids.push_back(str(c, "toStageId"));
      }
      for (const std::string& id : ids) {
        if (id.empty() || !known.insert(id).second) continue;
        stages.push_back({{"id", id}, {"text", id}});
        out_.notes.push_back(fmt::format("{}: stage '{}' is not among the exported stages: made up",
                                         opp->where(), id));
      }
    }
    lever_["stages"] = stages;
  }

  void place_archive_reasons() {
    json reasons = list(LeverKind::kArchiveReason);
    const bool exported = !reasons.empty();
    if (!exported) {
      lever::Collection defaults;
      lever::add_default_archive_reasons(defaults);
      for (const auto& r : defaults.items()) reasons.push_back(r.obj());
    }
    bool stubbed = false;
    for (const ExportedObject* opp : by_kind_[LeverKind::kOpportunity]) {
      const json archived = opp->value.value("archived", json());
      const std::string id = archived.is_object() ? str(archived, "reason") : "";
      if (id.empty()) continue;
      const bool known =
          std::any_of(reasons.begin(), reasons.end(), [&](const json& r) { return r["id"] == id; });
      if (known) continue;
      reasons.push_back(
          {{"id", id}, {"text", "(not exported)"}, {"status", "active"}, {"type", "non-hired"}});
      stubbed = true;
      out_.notes.push_back(fmt::format(
          "{}/archived/reason: archive reason '{}' is not in the export (save GET "
          "/v1/archive_reasons): taken as not a hire, so no candidateHired is delivered",
          opp->where(), id));
    }
    if (exported || stubbed) lever_["archive_reasons"] = reasons;
    reasons_ = std::move(reasons);
  }

  // The sync never reads contacts; Lever's own ones are used when they cover
  // every opportunity, else they are derived from the opportunities.
  void place_contacts() {
    if (by_kind_[LeverKind::kContact].empty()) return;
    for (const ExportedObject* opp : by_kind_[LeverKind::kOpportunity]) {
      const std::string id = str(opp->value, "contact");
      if (!id.empty() && find(LeverKind::kContact, id) == nullptr) {
        out_.notes.push_back(
            fmt::format("{}/contact: contact '{}' is not in the export: contacts are "
                        "derived from the opportunities instead (the sync never "
                        "reads them)",
                        opp->where(), id));
        return;
      }
    }
    lever_["contacts"] = list(LeverKind::kContact);
  }

  // Users and postings named but not exported: the fake's loader serves a
  // stub for each; say which, once per id, at its first mention.
  void name_missing_references() {
    std::set<std::string> named;
    for (const ExportedObject& o : e_.objects) {
      if (o.kind == LeverKind::kContact || o.kind == LeverKind::kStage ||
          o.kind == LeverKind::kArchiveReason || o.kind == LeverKind::kUnread)
        continue;
      for (const lever::Reference& ref : lever::references_of(o.value, object_kind(o.kind))) {
        const LeverKind target = ref.collection == "users"      ? LeverKind::kUser
                                 : ref.collection == "postings" ? LeverKind::kPosting
                                                                : LeverKind::kUnread;
        if (target == LeverKind::kUnread || find(target, ref.id) != nullptr) continue;
        if (!named.insert(ref.collection + "/" + ref.id).second) continue;
        out_.notes.push_back(fmt::format(
            "{}{}: {} '{}' is not in the export ({}): Lever's answer for it is a stub with no {}",
            o.where(), ref.path, kind_name(target), ref.id,
            target == LeverKind::kUser ? "deactivated, or not saved" : "unlisted, or not saved",
            target == LeverKind::kUser ? "name or email" : "title or categories"));
      }
    }
  }

  void choose_lever_admin() {
    for (const ExportedObject* u : by_kind_[LeverKind::kUser]) {
      const json& v = u->value;
      if (str(v, "accessRole") == "super admin" && !str(v, "email").empty() &&
          v.value("deactivatedAt", json()).is_null()) {
        out_.lever_admin = str(v, "email");
        return;
      }
    }
    out_.lever_admin = "lever.super.admin@example.invalid";
    extra_users_.push_back({{"id", "repro-lever-super-admin"},
                            {"name", "Lever Super Admin"},
                            {"email", out_.lever_admin},
                            {"accessRole", "super admin"}});
    out_.notes.push_back("no active Lever super admin in the exported users: a made-up one (" +
                         out_.lever_admin + ") connects the integration");
  }

  Status justworks_side() {
    if (e_.justworks) {
      justworks_ = *e_.justworks;
      for (const json& m : justworks_.value("members", json::array())) {
        if (m.is_object() && m.value("admin", false) == true && !str(m, "email").empty()) {
          out_.justworks_admin = str(m, "email");
          return Status::Ok();
        }
      }
      return Status::InvalidArgument(
          e_.justworks_file + ": /members: no admin (\"admin\": true) to set the integration up");
    }
    std::set<std::string> departments, offices;
    for (const ExportedObject* p : by_kind_[LeverKind::kPosting]) {
      const json c = p->value.value("categories", json::object());
      if (!c.is_object()) continue;
      if (!str(c, "department").empty()) departments.insert(str(c, "department"));
      if (!str(c, "location").empty()) offices.insert(str(c, "location"));
    }
    auto admin = [](const char* id, const char* first, const char* last, json permissions) {
      return json{{"id", id},          {"first_name", first},
                  {"last_name", last}, {"email", fmt::format("{}.{}@company.invalid", first, last)},
                  {"admin", true},     {"permissions", std::move(permissions)},
                  {"status", "active"}};
    };
    justworks_ = {
        {"company", {{"id", "customer"}, {"name", "Customer Company"}}},
        {"departments", departments},
        {"offices", offices},
        {"members", json::array({admin("m-super-admin", "super", "admin",
                                       {"manage_employees", "edit_company_settings"}),
                                 admin("m-admin-1", "first", "admin", {"manage_employees"}),
                                 admin("m-admin-2", "second", "admin", {"manage_employees"})})}};
    out_.justworks_admin = "super.admin@company.invalid";
    out_.justworks_made_up = true;
    out_.notes.push_back(fmt::format(
        "no Justworks side given (justworks.json): made up a company with a super admin and two "
        "admins holding Manage employees; its departments ({}) and offices ({}) are the exported "
        "postings' own",
        departments.empty() ? "none" : fmt::format("{}", fmt::join(departments, ", ")),
        offices.empty() ? "none" : fmt::format("{}", fmt::join(offices, ", "))));
    return Status::Ok();
  }

  void find_hired() {
    for (const ExportedObject* opp : by_kind_[LeverKind::kOpportunity]) {
      const json archived = opp->value.value("archived", json());
      if (!archived.is_object()) continue;
      const std::string reason = str(archived, "reason");
      for (const json& r : reasons_) {
        if (r["id"] == reason && r.value("type", "") == "hired")
          out_.hired.push_back(opp->value["id"]);
      }
    }
  }

  const LeverExport& e_;
  std::map<LeverKind, std::vector<const ExportedObject*>> by_kind_;
  json lever_ = json::object();
  json offers_ = json::object();
  json justworks_ = json::object();
  json reasons_ = json::array();  // the archive reasons the world has, given or Lever's defaults
  std::vector<json> extra_users_;
  ImportedWorld out_;
};

}  // namespace

hiresync::Result<ImportedWorld> build_world(const LeverExport& exported) {
  return Builder(exported).run();
}

}  // namespace sim::repro
