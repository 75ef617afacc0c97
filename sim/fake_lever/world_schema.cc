// The shape of each Lever object a world may hold, as tables of fields, and
// the references between objects (see world.h). Field types follow
// shared/reference/lever-api.md §4 and the recorded sandbox sample; where
// real responses carry null (an opportunity's or posting's updatedAt), so
// does the table.
#include <fmt/format.h>

#include "fake_lever/world.h"

namespace sim::lever {

namespace {

enum class Kind {
  kString,
  kStringOrNull,
  kMs,  // epoch milliseconds
  kMsOrNull,
  kBool,
  kBoolOrNull,
  kNumberOrNull,
  kStrings,
  kStringsOrNull,
  kObject,
  kObjectOrNull,
  kArray,
  kPhones,        // [{type, value}]
  kPhoneOrNull,   // {type, value} or null
  kArchived,      // null or {archivedAt, reason}
  kStageChanges,  // [{toStageId, toStageIndex, updatedAt, userId}]
  kCategories,    // a posting's categories
  kOfferFields,   // [{text, identifier, value}]
  kApplications,  // ids, or inline objects {id?, posting, type?}
  kAny,
};

struct Field {
  const char* name;
  Kind kind;
  std::vector<std::string> allowed = {};  // for strings: the only values Lever uses
};

struct Schema {
  std::vector<const char*> required;
  std::vector<Field> fields;
};

const std::vector<std::string> kConfidentiality = {"non-confidential", "confidential"};

const Schema& schema(ObjectKind kind) {
  static const Schema kUser{{"id", "name", "email"},
                            {{"name", Kind::kString},
                             {"username", Kind::kStringOrNull},
                             {"email", Kind::kString},
                             {"accessRole", Kind::kString},
                             {"photo", Kind::kStringOrNull},
                             {"createdAt", Kind::kMs},
                             {"deactivatedAt", Kind::kMsOrNull},
                             {"externalDirectoryId", Kind::kStringOrNull},
                             {"linkedContactIds", Kind::kStringsOrNull},
                             {"jobTitle", Kind::kStringOrNull},
                             {"managerId", Kind::kStringOrNull}}};
  static const Schema kPosting{
      {"id", "text"},
      {{"text", Kind::kString},
       {"createdAt", Kind::kMs},
       {"updatedAt", Kind::kMsOrNull},
       {"state",
        Kind::kString,
        {"published", "internal", "closed", "draft", "pending", "rejected"}},
       {"distributionChannels", Kind::kStringsOrNull},
       {"confidentiality", Kind::kString, kConfidentiality},
       {"user", Kind::kStringOrNull},
       {"owner", Kind::kStringOrNull},
       {"hiringManager", Kind::kStringOrNull},
       {"categories", Kind::kCategories},
       {"tags", Kind::kStrings},
       {"content", Kind::kObjectOrNull},
       {"country", Kind::kStringOrNull},
       {"followers", Kind::kStrings},
       {"reqCode", Kind::kStringOrNull},
       {"requisitionCodes", Kind::kStrings},
       {"salaryDescription", Kind::kStringOrNull},
       {"salaryDescriptionHtml", Kind::kStringOrNull},
       {"salaryRange", Kind::kObjectOrNull},
       {"urls", Kind::kObjectOrNull},
       {"workplaceType", Kind::kString}}};
  static const Schema kOpportunity{
      {"id", "name"},
      {{"name", Kind::kString},
       {"headline", Kind::kStringOrNull},
       {"location", Kind::kStringOrNull},
       {"contact", Kind::kString},
       {"emails", Kind::kStrings},
       {"phones", Kind::kPhones},
       {"links", Kind::kStrings},
       {"tags", Kind::kStrings},
       {"sources", Kind::kStrings},
       {"stage", Kind::kStringOrNull},
       {"stageChanges", Kind::kStageChanges},
       {"confidentiality", Kind::kString, kConfidentiality},
       {"archived", Kind::kArchived},
       {"origin",
        Kind::kString,
        {"agency", "applied", "internal", "referred", "sourced", "university"}},
       {"sourcedBy", Kind::kStringOrNull},
       {"owner", Kind::kStringOrNull},
       {"followers", Kind::kStrings},
       {"applications", Kind::kApplications},
       {"createdAt", Kind::kMs},
       {"updatedAt", Kind::kMsOrNull},
       {"lastInteractionAt", Kind::kMsOrNull},
       {"lastAdvancedAt", Kind::kMsOrNull},
       {"snoozedUntil", Kind::kMsOrNull},
       {"urls", Kind::kObject},
       {"isAnonymized", Kind::kBool},
       {"dataProtection", Kind::kObjectOrNull},
       {"opportunityLocation", Kind::kStringOrNull}}};
  static const Schema kApplication{{"id", "opportunityId"},
                                   {{"opportunityId", Kind::kString},
                                    {"candidateId", Kind::kStringOrNull},
                                    {"type", Kind::kString, {"posting", "user", "referral"}},
                                    {"posting", Kind::kStringOrNull},
                                    {"postingOwner", Kind::kStringOrNull},
                                    {"postingHiringManager", Kind::kStringOrNull},
                                    {"user", Kind::kStringOrNull},
                                    {"name", Kind::kStringOrNull},
                                    {"email", Kind::kStringOrNull},
                                    {"phone", Kind::kPhoneOrNull},
                                    {"company", Kind::kStringOrNull},
                                    {"links", Kind::kStrings},
                                    {"customQuestions", Kind::kArray},
                                    {"createdAt", Kind::kMs},
                                    {"archived", Kind::kArchived},
                                    {"requisitionForHire", Kind::kObjectOrNull}}};
  static const Schema kOffer{{"id", "status"},
                             {{"status",
                               Kind::kString,
                               {"draft", "approval-sent", "approved", "sent", "sent-manually",
                                "opened", "denied", "signed"}},
                              {"createdAt", Kind::kMs},
                              {"creator", Kind::kStringOrNull},
                              {"posting", Kind::kStringOrNull},
                              {"fields", Kind::kOfferFields},
                              {"signatures", Kind::kObjectOrNull},
                              {"approved", Kind::kBoolOrNull},
                              {"approvedAt", Kind::kMsOrNull},
                              {"sentAt", Kind::kMsOrNull},
                              {"sentDocument", Kind::kObjectOrNull},
                              {"signedDocument", Kind::kObjectOrNull}}};
  static const Schema kStage{{"id", "text"}, {{"text", Kind::kString}}};
  static const Schema kArchiveReason{{"id", "text", "type"},
                                     {{"text", Kind::kString},
                                      {"status", Kind::kString, {"active", "inactive"}},
                                      {"type", Kind::kString, {"hired", "non-hired"}}}};
  static const Schema kContact{{"id"},
                               {{"name", Kind::kStringOrNull},
                                {"headline", Kind::kStringOrNull},
                                {"location", Kind::kObjectOrNull},
                                {"emails", Kind::kStrings},
                                {"phones", Kind::kPhones},
                                {"isAnonymized", Kind::kBool}}};
  static const Schema kRequisition{
      {"id"},
      {{"requisitionCode", Kind::kStringOrNull},
       {"name", Kind::kStringOrNull},
       {"confidentiality", Kind::kString, kConfidentiality},
       {"createdAt", Kind::kMs},
       {"creator", Kind::kStringOrNull},
       {"hiringManager", Kind::kStringOrNull},
       {"owner", Kind::kStringOrNull},
       {"status", Kind::kString, {"draft", "open", "closed", "onHold"}},
       {"postings", Kind::kStrings},
       {"offerIds", Kind::kStrings}}};
  switch (kind) {
    case ObjectKind::kUser:
      return kUser;
    case ObjectKind::kPosting:
      return kPosting;
    case ObjectKind::kOpportunity:
      return kOpportunity;
    case ObjectKind::kApplication:
      return kApplication;
    case ObjectKind::kOffer:
      return kOffer;
    case ObjectKind::kStage:
      return kStage;
    case ObjectKind::kArchiveReason:
      return kArchiveReason;
    case ObjectKind::kContact:
      return kContact;
    case ObjectKind::kRequisition:
      return kRequisition;
  }
  return kStage;
}

bool is_ms(const json& v) { return v.is_number_integer(); }
bool is_strings(const json& v) {
  if (!v.is_array()) return false;
  for (const json& e : v) {
    if (!e.is_string()) return false;
  }
  return true;
}

std::optional<Problem> problem(std::string path, std::string message) {
  return Problem{std::move(path), std::move(message)};
}

std::optional<Problem> check_phone(const json& v, const std::string& path) {
  if (!v.is_object()) return problem(path, "expected an object {type, value}");
  if (v.contains("type") && !v["type"].is_string() && !v["type"].is_null()) {
    return problem(path + "/type", "expected a string or null");
  }
  if (!v.contains("value") || !v["value"].is_string()) {
    return problem(path + "/value", "expected a string");
  }
  return std::nullopt;
}

std::optional<Problem> check_archived(const json& v, const std::string& path) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_object()) return problem(path, "expected null or {archivedAt, reason}");
  if (!v.contains("archivedAt") || !is_ms(v["archivedAt"])) {
    return problem(path + "/archivedAt", "expected an integer (epoch milliseconds)");
  }
  if (!v.contains("reason") || !v["reason"].is_string()) {
    return problem(path + "/reason", "expected an archive reason id (a string)");
  }
  return std::nullopt;
}

std::optional<Problem> check_stage_changes(const json& v, const std::string& path) {
  if (!v.is_array()) return problem(path, "expected an array of stage changes");
  for (size_t i = 0; i < v.size(); ++i) {
    const json& c = v[i];
    const std::string at = fmt::format("{}/{}", path, i);
    if (!c.is_object()) return problem(at, "expected an object");
    if (!c.contains("toStageId") || !c["toStageId"].is_string()) {
      return problem(at + "/toStageId", "expected a string");
    }
    if (c.contains("toStageIndex") && !c["toStageIndex"].is_number_integer()) {
      return problem(at + "/toStageIndex", "expected an integer");
    }
    if (c.contains("updatedAt") && !is_ms(c["updatedAt"])) {
      return problem(at + "/updatedAt", "expected an integer (epoch milliseconds)");
    }
    if (c.contains("userId") && !c["userId"].is_string() && !c["userId"].is_null()) {
      return problem(at + "/userId", "expected a string or null");
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_categories(const json& v, const std::string& path) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_object()) return problem(path, "expected an object");
  for (const char* key : {"team", "department", "location", "commitment", "level"}) {
    if (v.contains(key) && !v[key].is_string() && !v[key].is_null()) {
      return problem(fmt::format("{}/{}", path, key), "expected a string or null");
    }
  }
  if (v.contains("allLocations") && !is_strings(v["allLocations"])) {
    return problem(path + "/allLocations", "expected an array of strings");
  }
  return std::nullopt;
}

std::optional<Problem> check_offer_fields(const json& v, const std::string& path) {
  if (!v.is_array()) return problem(path, "expected an array of {text, identifier, value}");
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = fmt::format("{}/{}", path, i);
    const json& f = v[i];
    if (!f.is_object()) return problem(at, "expected an object {text, identifier, value}");
    if (!f.contains("text") || !f["text"].is_string())
      return problem(at + "/text", "expected a string");
    if (!f.contains("identifier") || !f["identifier"].is_string()) {
      return problem(at + "/identifier", "expected a string");
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_applications(const json& v, const std::string& path) {
  if (!v.is_array()) return problem(path, "expected an array of application ids");
  // Lever: "array with at most one application".
  if (v.size() > 1) return problem(path, "an opportunity has at most one application");
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = fmt::format("{}/{}", path, i);
    const json& a = v[i];
    if (a.is_string()) continue;
    if (!a.is_object()) return problem(at, "expected an application id or an application object");
    if (a.contains("id") && !a["id"].is_string()) return problem(at + "/id", "expected a string");
    if (a.contains("opportunityId")) {
      return problem(at + "/opportunityId", "an inline application belongs to its opportunity");
    }
    // The rest must be an application's fields; id and owner come later.
    json as_application = a;
    as_application["id"] = "inline";
    as_application["opportunityId"] = "inline";
    auto p = check_shape(as_application, ObjectKind::kApplication);
    if (p) return problem(at + p->path, p->message);
  }
  return std::nullopt;
}

std::optional<Problem> check_field(const json& v, const Field& f, const std::string& path) {
  auto want = [&](bool ok, const char* what) -> std::optional<Problem> {
    if (ok) return std::nullopt;
    return problem(path, what);
  };
  switch (f.kind) {
    case Kind::kString:
      if (!v.is_string()) return problem(path, "expected a string");
      break;
    case Kind::kStringOrNull:
      return want(v.is_string() || v.is_null(), "expected a string or null");
    case Kind::kMs:
      return want(is_ms(v), "expected an integer (epoch milliseconds)");
    case Kind::kMsOrNull:
      return want(is_ms(v) || v.is_null(), "expected an integer (epoch milliseconds) or null");
    case Kind::kBool:
      return want(v.is_boolean(), "expected true or false");
    case Kind::kBoolOrNull:
      return want(v.is_boolean() || v.is_null(), "expected a boolean or null");
    case Kind::kNumberOrNull:
      return want(v.is_number() || v.is_null(), "expected a number or null");
    case Kind::kStrings:
      return want(is_strings(v), "expected an array of strings");
    case Kind::kStringsOrNull:
      return want(v.is_null() || is_strings(v), "expected an array of strings or null");
    case Kind::kObject:
      return want(v.is_object(), "expected an object");
    case Kind::kObjectOrNull:
      return want(v.is_object() || v.is_null(), "expected an object or null");
    case Kind::kArray:
      return want(v.is_array(), "expected an array");
    case Kind::kPhones:
      if (!v.is_array()) return problem(path, "expected an array of {type, value}");
      for (size_t i = 0; i < v.size(); ++i) {
        if (auto p = check_phone(v[i], fmt::format("{}/{}", path, i))) return p;
      }
      return std::nullopt;
    case Kind::kPhoneOrNull:
      return v.is_null() ? std::nullopt : check_phone(v, path);
    case Kind::kArchived:
      return check_archived(v, path);
    case Kind::kStageChanges:
      return check_stage_changes(v, path);
    case Kind::kCategories:
      return check_categories(v, path);
    case Kind::kOfferFields:
      return check_offer_fields(v, path);
    case Kind::kApplications:
      return check_applications(v, path);
    case Kind::kAny:
      return std::nullopt;
  }
  // A string: check it is one of the values Lever uses, if the table says.
  if (!f.allowed.empty()) {
    const std::string s = v.get<std::string>();
    for (const auto& a : f.allowed) {
      if (s == a) return std::nullopt;
    }
    return problem(path, fmt::format("'{}' is not one of: {}", s, fmt::join(f.allowed, ", ")));
  }
  return std::nullopt;
}

void add_ref(std::vector<Reference>& out, const json& obj, const char* key, const char* target) {
  auto it = obj.find(key);
  if (it == obj.end()) return;
  if (it->is_string()) {
    out.push_back({fmt::format("/{}", key), target, it->get<std::string>()});
  } else if (it->is_array()) {
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      if (e.is_string())
        out.push_back({fmt::format("/{}/{}", key, i), target, e.get<std::string>()});
    }
  }
}

}  // namespace

std::optional<ObjectKind> kind_of_collection(const std::string& collection) {
  if (collection == "users") return ObjectKind::kUser;
  if (collection == "postings") return ObjectKind::kPosting;
  if (collection == "opportunities") return ObjectKind::kOpportunity;
  if (collection == "applications") return ObjectKind::kApplication;
  if (collection == "offers") return ObjectKind::kOffer;
  if (collection == "stages") return ObjectKind::kStage;
  if (collection == "archive_reasons") return ObjectKind::kArchiveReason;
  if (collection == "contacts") return ObjectKind::kContact;
  if (collection == "requisitions") return ObjectKind::kRequisition;
  return std::nullopt;
}

std::optional<Problem> check_shape(const json& obj, ObjectKind kind) {
  if (!obj.is_object()) return problem("", "expected an object");
  const Schema& s = schema(kind);
  for (const char* key : s.required) {
    if (!obj.contains(key)) return problem("", fmt::format("missing required field '{}'", key));
  }
  if (!obj["id"].is_string() || obj["id"].get_ref<const std::string&>().empty()) {
    return problem("/id", "expected a non-empty string");
  }
  for (const Field& f : s.fields) {
    auto it = obj.find(f.name);
    if (it == obj.end()) continue;
    if (auto p = check_field(*it, f, fmt::format("/{}", f.name))) return p;
  }
  return std::nullopt;
}

std::vector<Reference> references_of(const json& obj, ObjectKind kind) {
  std::vector<Reference> out;
  switch (kind) {
    case ObjectKind::kUser:
      add_ref(out, obj, "managerId", "users");
      break;
    case ObjectKind::kPosting:
      for (const char* k : {"user", "owner", "hiringManager", "followers"}) {
        add_ref(out, obj, k, "users");
      }
      break;
    case ObjectKind::kOpportunity: {
      for (const char* k : {"owner", "sourcedBy", "followers"}) add_ref(out, obj, k, "users");
      add_ref(out, obj, "stage", "stages");
      add_ref(out, obj, "contact", "contacts");
      const json& archived = obj.value("archived", json());
      if (archived.is_object() && archived["reason"].is_string()) {
        out.push_back(
            {"/archived/reason", "archive_reasons", archived["reason"].get<std::string>()});
      }
      const json& changes = obj.value("stageChanges", json::array());
      for (size_t i = 0; changes.is_array() && i < changes.size(); ++i) {
        const std::string at = fmt::format("/stageChanges/{}", i);
        if (changes[i].value("toStageId", json()).is_string()) {
          out.push_back({at + "/toStageId", "stages", changes[i]["toStageId"].get<std::string>()});
        }
        if (changes[i].value("userId", json()).is_string()) {
          out.push_back({at + "/userId", "users", changes[i]["userId"].get<std::string>()});
        }
      }
      break;
    }
    case ObjectKind::kApplication:
      add_ref(out, obj, "opportunityId", "opportunities");
      add_ref(out, obj, "posting", "postings");
      for (const char* k : {"postingOwner", "postingHiringManager", "user"}) {
        add_ref(out, obj, k, "users");
      }
      break;
    case ObjectKind::kOffer: {
      add_ref(out, obj, "creator", "users");
      add_ref(out, obj, "posting", "postings");
      const json& fields = obj.value("fields", json::array());
      for (size_t i = 0; fields.is_array() && i < fields.size(); ++i) {
        const json& f = fields[i];
        const std::string id = f.value("identifier", "");
        if ((id == "hiring_manager" || id == "direct_manager") &&
            f.value("value", json()).is_string()) {
          out.push_back(
              {fmt::format("/fields/{}/value", i), "users", f["value"].get<std::string>()});
        }
      }
      break;
    }
    case ObjectKind::kRequisition:
      for (const char* k : {"creator", "owner", "hiringManager"}) add_ref(out, obj, k, "users");
      add_ref(out, obj, "postings", "postings");
      break;
    case ObjectKind::kStage:
    case ObjectKind::kArchiveReason:
    case ObjectKind::kContact:
      break;
  }
  return out;
}

}  // namespace sim::lever
