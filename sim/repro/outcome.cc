#include "repro/outcome.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace sim::repro {
namespace {

using nlohmann::json;

// Fields a later run cannot reproduce byte for byte, or that only point.
bool volatile_field(const std::string& key) {
  return key == "id" || key == "created_at" || key == "review_url";
}

bool is_empty(const json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) ||
         (v.is_array() && v.empty()) || (v.is_object() && v.empty());
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An email's recipient as the admin's place in the world's members list.
std::string recipient_position(const json& world, const std::string& to) {
  const json& members = world.value("justworks", json::object()).value("members", json::array());
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].is_object() && lower(members[i].value("email", "")) == lower(to))
      return fmt::format("members[{}]", i);
  }
  return "someone not a member";
}

std::vector<std::string> mailed(const Outcome& o, const json& world) {
  std::vector<std::string> out;
  for (const json& e : o.emails) {
    out.push_back(recipient_position(world, e.value("to", "")) + " · " + e.value("subject", ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> note_fields(const json& hire) {
  std::vector<std::string> out;
  for (const json& n : hire.value("notes", json::array())) {
    if (n.is_object()) out.push_back(n.value("field", ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void compare_hire(const std::string& opp, const json& a, const json& b,
                  std::vector<std::string>& out) {
  for (const char* key : {"status", "flags", "type_of_earnings", "member_type", "exemption_status",
                          "department", "office", "title", "start_date"}) {
    if (a.value(key, json()) != b.value(key, json()))
      out.push_back(fmt::format("pending hire for {}: {} differs", opp, key));
  }
  if (note_fields(a) != note_fields(b))
    out.push_back(fmt::format("pending hire for {}: its notes name other fields ({} against {})",
                              opp, fmt::join(note_fields(a), ", "),
                              fmt::join(note_fields(b), ", ")));
  for (const auto& [key, value] : a.items()) {
    if (volatile_field(key)) continue;
    if (is_empty(value) != is_empty(b.value(key, json())))
      out.push_back(
          fmt::format("pending hire for {}: {} is {} in the original but not in the "
                      "redacted run",
                      opp, key, is_empty(value) ? "empty" : "set"));
  }
}

}  // namespace

Outcome outcome_of(const ScenarioResult& result, const json& integration) {
  Outcome o;
  const json& t = result.transcript;
  for (const char* key : {"pending_hires", "emails"}) {
    if (!t.contains(key) || !t[key].is_object()) continue;
    json all = json::array();
    for (const auto& [_, list] : t[key].items()) {
      for (const json& item : list) all.push_back(item);
    }
    (std::string(key) == "emails" ? o.emails : o.pending_hires) = std::move(all);
  }
  o.integration = integration;
  return o;
}

json expectation_steps(const Outcome& outcome) {
  json hires = json::array();
  for (const json& h : outcome.pending_hires) {
    json expected = json::object();
    for (const auto& [key, value] : h.items()) {
      if (!volatile_field(key)) expected[key] = value;
    }
    hires.push_back(std::move(expected));
  }
  json emails = json::array();
  for (const json& e : outcome.emails) {
    emails.push_back({{"to", e.value("to", "")}, {"subject", e.value("subject", "")}});
  }
  return json::array(
      {{{"expect.pending_hires", hires}},
       {{"expect.emails", emails}},
       {{"expect.integration", {{"status", outcome.integration.value("status", json())}}}}});
}

std::vector<std::string> compare_outcomes(const Outcome& original, const json& original_world,
                                          const Outcome& redacted, const json& redacted_world) {
  std::vector<std::string> out;
  if (original.integration.value("status", json()) != redacted.integration.value("status", json()))
    out.push_back("the integration's status differs");
  std::map<std::string, std::vector<const json*>> a, b;
  for (const json& h : original.pending_hires) a[h.value("lever_opportunity_id", "")].push_back(&h);
  for (const json& h : redacted.pending_hires) b[h.value("lever_opportunity_id", "")].push_back(&h);
  for (const auto& [opp, hires] : a) {
    const auto& other = b[opp];
    if (hires.size() != other.size()) {
      out.push_back(fmt::format("opportunity {}: {} pending hire(s) against {}", opp, hires.size(),
                                other.size()));
      continue;
    }
    for (size_t i = 0; i < hires.size(); ++i) compare_hire(opp, *hires[i], *other[i], out);
  }
  for (const auto& [opp, hires] : b) {
    if (!a.count(opp))
      out.push_back(fmt::format("opportunity {}: pending hire(s) only in the redacted run", opp));
  }
  if (mailed(original, original_world) != mailed(redacted, redacted_world))
    out.push_back("the admins mailed differ (by their place in the members list, or the subject)");
  return out;
}

}  // namespace sim::repro
