#include "explain/field_sources.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "lever/parse.h"
#include "mapping/job.h"
#include "mapping/map_hire.h"

namespace sim::explain {
namespace {

using nlohmann::json;

// The pending hire's fields in SPEC §5 order, each with the rule that decides
// it when the mapping left no FieldSource (a record the core did not map).
constexpr std::pair<const char*, const char*> kFields[] = {
    {"first_name", "MAP-1"},       {"last_name", "MAP-1"},
    {"home_email", "MAP-2"},       {"title", "MAP-3"},
    {"department", "MAP-4"},       {"office", "MAP-4"},
    {"manager", "MAP-7"},          {"start_date", "MAP-8"},
    {"member_type", "MAP-6"},      {"compensation_amount", "MAP-5"},
    {"type_of_earnings", "MAP-5"}, {"exemption_status", "MAP-6"},
};

// The last read of `path` at or before `until_ms`; null when none.
const RecordedCall* last_read(const std::vector<RecordedCall>& reads, const std::string& target,
                              const std::string& path, int64_t until_ms) {
  const RecordedCall* found = nullptr;
  for (const RecordedCall& r : reads) {
    if (r.time_ms > until_ms) break;
    if (r.target == target && r.path == path && !r.body.empty()) found = &r;
  }
  return found;
}

template <typename T, typename Parse>
std::optional<T> parse_one(const RecordedCall* read, Parse parse) {
  if (read == nullptr) return std::nullopt;
  auto data = hiresync::lever::parse_envelope(read->body);
  if (!data.ok()) return std::nullopt;
  auto parsed = parse(*data);
  if (!parsed.ok()) return std::nullopt;
  return std::move(*parsed);
}

// The names in GET /v1/company's `key` list (departments or offices).
std::vector<std::string> justworks_names(const RecordedCall* read, const char* key) {
  std::vector<std::string> names;
  if (read == nullptr) return names;
  const json body = json::parse(read->body, nullptr, false);
  if (!body.is_object() || !body.contains(key) || !body[key].is_array()) return names;
  for (const json& item : body[key]) {
    if (item.is_object() && item.contains("name") && item["name"].is_string())
      names.push_back(item["name"].get<std::string>());
  }
  return names;
}

std::vector<hiresync::justworks::Member> justworks_members(const RecordedCall* read) {
  std::vector<hiresync::justworks::Member> members;
  if (read == nullptr) return members;
  const json body = json::parse(read->body, nullptr, false);
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array()) return members;
  for (const json& item : body["items"]) {
    if (!item.is_object()) continue;
    hiresync::justworks::Member m;
    m.id = item.value("id", "");
    m.first_name = item.value("first_name", "");
    m.last_name = item.value("last_name", "");
    m.email = item.value("email", "");
    members.push_back(std::move(m));
  }
  return members;
}

// The inputs the worker mapped, rebuilt from the answers it read last for
// this opportunity before the pending hire was created. The worker's own
// parser and posting choice, so the sources are the mapping's, not a copy.
std::optional<hiresync::HireInputs> inputs_from_reads(const std::vector<RecordedCall>& reads,
                                                      const std::string& opportunity_id,
                                                      int64_t until_ms) {
  using namespace hiresync;
  const std::string opp_path = "/v1/opportunities/" + opportunity_id;
  const RecordedCall* opp_read = last_read(reads, "lever", opp_path, until_ms);
  auto opportunity = parse_one<lever::Opportunity>(opp_read, lever::parse_opportunity);
  if (!opportunity) return std::nullopt;

  HireInputs in;
  // The offers pages read after that opportunity: a read without an offset
  // starts the list again (a retry reads it from the first page).
  for (const RecordedCall& r : reads) {
    if (r.time_ms > until_ms) break;
    if (&r <= opp_read || r.body.empty() || r.target != "lever" || r.path != opp_path + "/offers")
      continue;
    if (r.query.find("offset=") == std::string::npos) in.offers.clear();
    auto page = lever::parse_page(r.body);
    if (!page.ok()) continue;
    for (const json& item : page->items) {
      if (auto offer = lever::parse_offer(item); offer.ok()) in.offers.push_back(std::move(*offer));
    }
  }
  opportunity->posting_id = mapping::posting_to_read(*opportunity, in.offers);
  if (opportunity->posting_id) {
    in.posting = parse_one<lever::Posting>(
        last_read(reads, "lever", "/v1/postings/" + *opportunity->posting_id, until_ms),
        lever::parse_posting);
  }
  std::map<std::string, const RecordedCall*> users;  // latest read of each user
  for (const RecordedCall& r : reads) {
    if (r.time_ms > until_ms) break;
    if (r.target == "lever" && r.path.starts_with("/v1/users/") && !r.body.empty())
      users[r.path] = &r;
  }
  for (const auto& [path, read] : users) {
    if (auto user = parse_one<lever::User>(read, lever::parse_user)) in.users.push_back(*user);
  }
  in.opportunity = std::move(*opportunity);
  const RecordedCall* company = last_read(reads, "justworks", "/v1/company", until_ms);
  in.justworks.departments = justworks_names(company, "departments");
  in.justworks.offices = justworks_names(company, "offices");
  in.justworks.members =
      justworks_members(last_read(reads, "justworks", "/internal/v1/members", until_ms));
  return in;
}

std::string notes_on(const json& record, const std::string& field) {
  std::string out;
  if (!record.contains("notes") || !record["notes"].is_array()) return out;
  for (const json& note : record["notes"]) {
    if (!note.is_object() || note.value("field", "") != field) continue;
    out += (out.empty() ? "" : " ") + note.value("reason", "");
  }
  return out;
}

}  // namespace

std::optional<int64_t> parse_iso_utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  const auto at = sys_days{date} + hours{h} + minutes{mi} + seconds{s};
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

json explain_fields(const json& record, const std::vector<RecordedCall>& reads) {
  const std::string opportunity = record.value("lever_opportunity_id", "");
  // Justworks stamps whole seconds: the reads of that second count.
  const auto created = parse_iso_utc(record.value("created_at", ""));
  std::optional<hiresync::PendingHireDraft> mapped;
  if (created && !opportunity.empty()) {
    if (auto inputs = inputs_from_reads(reads, opportunity, *created + 999)) {
      mapped = hiresync::map_hire(*inputs);
    }
  }
  json out = {{"fields", json::array()}, {"flags", json::array()}};
  out["sources_from"] = mapped ? "the Lever answers the core read before creating it"
                               : "no recorded Lever answer for this opportunity: sources unknown";
  for (const auto& [field, fallback_rule] : kFields) {
    std::string source, rule = fallback_rule;
    if (mapped) {
      for (const hiresync::FieldSource& s : mapped->sources) {
        if (s.field == field) source = s.source, rule = s.rule;
      }
    }
    out["fields"].push_back({{"field", field},
                             {"value", record.contains(field) ? record[field] : json(nullptr)},
                             {"source", source},
                             {"rule", rule},
                             {"reason", notes_on(record, field)}});
  }
  if (record.contains("flags") && record["flags"].is_array()) {
    for (const json& flag : record["flags"]) {
      out["flags"].push_back(
          {{"flag", flag}, {"rule", "HIRE-5"}, {"reason", notes_on(record, "flags")}});
    }
  }
  return out;
}

}  // namespace sim::explain
