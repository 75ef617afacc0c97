#include "repro/classify.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "scenario/lever_import.h"

namespace sim::repro {
namespace {

using nlohmann::json;

// A kind fits an object that has every `all` field, at least one `any` field
// (when listed) and no `none` field. Fields follow the reference's tables
// and the recorded sandbox responses.
struct Signature {
  LeverKind kind;
  std::vector<const char*> all;
  std::vector<const char*> any;
  std::vector<const char*> none;
};

const std::vector<Signature>& signatures() {
  static const std::vector<Signature> kSignatures = {
      {LeverKind::kOffer,
       {"status", "fields"},
       {"signatures", "sentDocument", "signedDocument", "approved", "creator", "posting",
        "createdAt"},
       {"completedAt", "interview", "panel", "secret", "instructions"}},
      // isAnonymized is a contact's too: it says nothing here.
      {LeverKind::kOpportunity,
       {"name"},
       {"contact", "stageChanges", "origin", "sources", "lastAdvancedAt"},
       {"opportunityId", "fields", "accessRole"}},
      {LeverKind::kApplication, {"opportunityId"}, {}, {"fields", "panel", "interviewers"}},
      {LeverKind::kPosting,
       {"text"},
       {"categories", "distributionChannels", "workplaceType", "hiringManager", "reqCode",
        "content"},
       {"fields", "type", "opportunityId"}},
      {LeverKind::kUser,
       {"email", "name"},
       {"accessRole", "username", "deactivatedAt"},
       {"emails", "stageChanges"}},
      {LeverKind::kArchiveReason, {"text", "type"}, {}, {"fields", "categories", "opportunityId"}},
      {LeverKind::kContact,
       {"emails"},
       {"isAnonymized", "headline", "location", "phones"},
       {"contact", "stageChanges", "origin", "opportunityId", "applications"}},
      {LeverKind::kUnread,
       {},
       {"panel", "interviewers", "feedbackTemplate", "completedAt", "secret", "instructions",
        "interview", "feedbackForms", "requisitionCode", "headcountTotal"},
       {}},
  };
  return kSignatures;
}

bool fits(const json& obj, const Signature& s) {
  auto has = [&](const char* key) { return obj.contains(key); };
  if (!std::all_of(s.all.begin(), s.all.end(), has)) return false;
  if (!s.any.empty() && !std::any_of(s.any.begin(), s.any.end(), has)) return false;
  return std::none_of(s.none.begin(), s.none.end(), has);
}

// A stage is only {id, text}: nothing else has so little.
bool is_stage(const json& obj) {
  if (!obj.contains("text") || !obj["text"].is_string()) return false;
  for (const auto& [key, _] : obj.items()) {
    if (key != "id" && key != "text") return false;
  }
  return true;
}

bool archive_reason_type(const json& obj) {
  return obj.contains("type") && (obj["type"] == "hired" || obj["type"] == "non-hired");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string kind_name(LeverKind kind) {
  switch (kind) {
    case LeverKind::kOpportunity:
      return "opportunity";
    case LeverKind::kOffer:
      return "offer";
    case LeverKind::kPosting:
      return "posting";
    case LeverKind::kUser:
      return "user";
    case LeverKind::kStage:
      return "stage";
    case LeverKind::kArchiveReason:
      return "archive reason";
    case LeverKind::kApplication:
      return "application";
    case LeverKind::kContact:
      return "contact";
    case LeverKind::kUnread:
      return "object the sync never reads (interview, note, feedback, requisition…)";
  }
  return "object";
}

std::string collection_of(LeverKind kind) {
  switch (kind) {
    case LeverKind::kOpportunity:
      return "opportunities";
    case LeverKind::kOffer:
      return "offers";
    case LeverKind::kPosting:
      return "postings";
    case LeverKind::kUser:
      return "users";
    case LeverKind::kStage:
      return "stages";
    case LeverKind::kArchiveReason:
      return "archive_reasons";
    case LeverKind::kApplication:
      return "applications";
    case LeverKind::kContact:
      return "contacts";
    case LeverKind::kUnread:
      return "";
  }
  return "";
}

std::optional<LeverKind> kind_hint(const std::string& file_name) {
  const std::string name = lower(file_name);
  // Most specific first: "opportunity-…-offers.json" holds offers.
  static const std::array<std::pair<const char*, LeverKind>, 14> kHints = {{
      {"offer", LeverKind::kOffer},
      // The sync reads no requisition: the posting and the offer say the job.
      {"requisition", LeverKind::kUnread},
      {"archive", LeverKind::kArchiveReason},
      {"application", LeverKind::kApplication},
      {"posting", LeverKind::kPosting},
      {"stage", LeverKind::kStage},
      {"user", LeverKind::kUser},
      {"contact", LeverKind::kContact},
      {"interview", LeverKind::kUnread},
      {"note", LeverKind::kUnread},
      {"feedback", LeverKind::kUnread},
      {"panel", LeverKind::kUnread},
      {"opportunit", LeverKind::kOpportunity},
      {"candidate", LeverKind::kOpportunity},
  }};
  for (const auto& [word, kind] : kHints) {
    if (name.find(word) != std::string::npos) return kind;
  }
  // The collections a world skips too (lever_import.h): one list for both.
  if (unread_collection_in_file_name(file_name)) return LeverKind::kUnread;
  return std::nullopt;
}

std::vector<LeverKind> kinds_fitting(const json& object) {
  std::vector<LeverKind> out;
  if (!object.is_object()) return out;
  if (is_stage(object)) return {LeverKind::kStage};
  for (const Signature& s : signatures()) {
    if (!fits(object, s)) continue;
    if (s.kind == LeverKind::kArchiveReason && !archive_reason_type(object)) continue;
    out.push_back(s.kind);
  }
  // An object with an interview's or a note's own fields is one, whatever else it has.
  if (std::find(out.begin(), out.end(), LeverKind::kUnread) != out.end())
    return {LeverKind::kUnread};
  return out;
}

KindDecision decide_kind(const json& object, std::optional<LeverKind> hint) {
  // A file named for a collection the sync never reads is skipped whatever
  // its objects hold (tags and sources have no id).
  if (hint == LeverKind::kUnread) return {LeverKind::kUnread, ""};
  if (!object.is_object())
    return {std::nullopt, "expected a Lever object, found " + std::string(object.type_name())};
  if (!object.contains("id") || !object["id"].is_string())
    return {std::nullopt, "a Lever object has a string \"id\"; this one has none"};
  const std::vector<LeverKind> kinds = kinds_fitting(object);
  if (kinds.size() == 1) return {kinds[0], ""};
  if (hint && std::find(kinds.begin(), kinds.end(), *hint) != kinds.end()) return {*hint, ""};
  std::vector<std::string> keys;
  for (const auto& [key, _] : object.items()) keys.push_back(key);
  if (kinds.empty())
    return {std::nullopt, fmt::format("no Lever object the sync reads has these fields ({})",
                                      fmt::join(keys, ", "))};
  std::vector<std::string> names;
  for (LeverKind k : kinds) names.push_back(kind_name(k));
  return {std::nullopt,
          fmt::format("fits more than one kind of Lever object ({}): name the file after what "
                      "it holds, e.g. offers.json",
                      fmt::join(names, ", "))};
}

}  // namespace sim::repro
