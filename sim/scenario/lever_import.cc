// See lever_import.h. The collection names are Lever's endpoints and scopes
// (as Lever's API documentation lists them) for data a hire sync has no
// use for.
#include "scenario/lever_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "common/json_pointer.h"
#include "fake_lever/world.h"

namespace sim {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 22> kUnread = {"interviews",
                                                      "notes",
                                                      "feedback",
                                                      "feedback_templates",
                                                      "panels",
                                                      "forms",
                                                      "form_templates",
                                                      "tags",
                                                      "sources",
                                                      "referrals",
                                                      "files",
                                                      "resumes",
                                                      "eeo_responses",
                                                      "audit_events",
                                                      "diversity_surveys",
                                                      "groups",
                                                      "roles",
                                                      "permissions",
                                                      "requisition_fields",
                                                      "uploads",
                                                      "surveys",
                                                      "scorecards"};

// Words a saved file's name holds, for the collections above ("interview"
// in interviews-<id>.json, "requisition_field" in requisition_fields.json).
// ("form" alone would match too much: "platform.json".)
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kFileWords = {{
    {"requisition_field", "requisition_fields"},
    {"requisition-field", "requisition_fields"},
    {"interview", "interviews"},
    {"note", "notes"},
    {"feedback", "feedback"},
    {"panel", "panels"},
    {"forms", "forms"},
    {"form_template", "form_templates"},
    {"referral", "referrals"},
    {"resume", "resumes"},
    {"eeo", "eeo_responses"},
    {"audit", "audit_events"},
    {"survey", "surveys"},
}};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The ids a world lists in `collection`, or nullopt when it lists none (then
// Lever's defaults stand in and nothing is checked, as the fake does).
std::optional<std::set<std::string>> ids_in(const json& lever, const char* collection) {
  auto it = lever.find(collection);
  if (it == lever.end() || !it->is_array()) return std::nullopt;
  std::set<std::string> ids;
  for (const json& obj : *it) {
    if (obj.is_object() && obj.contains("id") && obj["id"].is_string()) ids.insert(obj["id"]);
  }
  return ids;
}

class MissingReferences {
 public:
  MissingReferences(const json& lever, const std::string& where, const std::string& prefix,
                    std::vector<std::string>& warnings)
      : where_(where), prefix_(prefix), warnings_(warnings) {
    users_ = ids_in(lever, "users");
    postings_ = ids_in(lever, "postings");
  }

  void check(const json& obj, lever::ObjectKind kind, const std::string& path) {
    if (!obj.is_object()) return;
    for (const lever::Reference& ref : lever::references_of(obj, kind)) {
      const bool user = ref.collection == "users";
      if (!user && ref.collection != "postings") continue;
      const auto& known = user ? users_ : postings_;
      if (!known || known->count(ref.id) || !named_.insert(ref.collection + "/" + ref.id).second)
        continue;
      warnings_.push_back(fmt::format(
          "{}: {}{}{}: {} '{}' is not in the world: Lever's answer for it is a stub with no {}",
          where_, prefix_, path, ref.path, user ? "user" : "posting", ref.id,
          user ? "name or email" : "title or categories"));
    }
  }

 private:
  const std::string& where_;
  const std::string& prefix_;
  std::vector<std::string>& warnings_;
  std::optional<std::set<std::string>> users_, postings_;
  std::set<std::string> named_;  // each missing id is named once, at its first mention
};

}  // namespace

bool is_unread_lever_collection(const std::string& name) {
  return std::find(kUnread.begin(), kUnread.end(), name) != kUnread.end();
}

std::optional<std::string> unread_collection_in_file_name(const std::string& file_name) {
  const std::string name = lower(file_name);
  for (const auto& [word, collection] : kFileWords) {
    if (name.find(word) != std::string::npos) return std::string(collection);
  }
  return std::nullopt;
}

LeverImport import_lever_world(const json& lever, const std::string& where,
                               const std::string& prefix) {
  LeverImport out{lever, {}};
  if (!lever.is_object()) return out;
  for (const auto& [key, value] : lever.items()) {
    if (!is_unread_lever_collection(key)) continue;
    out.lever.erase(key);
    out.warnings.push_back(fmt::format("{}: {}/{}: {} skipped: the sync never reads them", where,
                                       prefix, pointer_segment(key), key));
  }
  MissingReferences missing(out.lever, where, prefix, out.warnings);
  static const std::pair<const char*, lever::ObjectKind> kHolders[] = {
      {"users", lever::ObjectKind::kUser},
      {"postings", lever::ObjectKind::kPosting},
      {"opportunities", lever::ObjectKind::kOpportunity},
      {"applications", lever::ObjectKind::kApplication}};
  for (const auto& [collection, kind] : kHolders) {
    auto it = out.lever.find(collection);
    if (it == out.lever.end() || !it->is_array()) continue;
    for (size_t i = 0; i < it->size(); ++i) {
      const json& obj = (*it)[i];
      const std::string at = fmt::format("/{}/{}", collection, i);
      missing.check(obj, kind, at);
      // An opportunity's application written inline (SPEC §6) names its job.
      const json apps = obj.is_object() ? obj.value("applications", json()) : json();
      for (size_t j = 0; apps.is_array() && j < apps.size(); ++j)
        missing.check(apps[j], lever::ObjectKind::kApplication,
                      fmt::format("{}/applications/{}", at, j));
    }
  }
  if (auto offers = out.lever.find("offers"); offers != out.lever.end() && offers->is_object()) {
    for (const auto& [opp, list] : offers->items()) {
      if (!list.is_array()) continue;
      for (size_t i = 0; i < list.size(); ++i)
        missing.check(list[i], lever::ObjectKind::kOffer,
                      fmt::format("/offers/{}/{}", pointer_segment(opp), i));
    }
  }
  return out;
}

}  // namespace sim
