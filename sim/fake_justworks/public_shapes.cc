// Public API shapes (see public_shapes.h). Where the public API's profile
// leaves an element's shape open (the objects inside emails[], departments[]
// and offices[]), the fake uses the smallest one that says what it must:
// {"address"} and {"id", "name"}. Which of a member's addresses is the work
// one the fake does not record, so it does not say.
#include "fake_justworks/public_shapes.h"

#include <fmt/format.h>

#include <charconv>
#include <vector>

namespace sim::justworks {
namespace {

using nlohmann::json;

// Ids are positions in the company's lists, stable for a loaded world.
std::string department_id(size_t index) { return fmt::format("dep_{}", index + 1); }
std::string office_id(size_t index) { return fmt::format("off_{}", index + 1); }

json named(const std::string& id, const std::string& name) { return {{"id", id}, {"name", name}}; }

json named_ref(const std::vector<std::string>& names, const std::optional<std::string>& name,
               std::string (*id_of)(size_t)) {
  if (!name) return nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == *name) return named(id_of(i), names[i]);
  }
  return nullptr;
}

// The cursor names the position of the next member: "mc_<index>". A
// client treats it as opaque; the fake refuses any it did not hand out.
std::string cursor_for(size_t index) { return fmt::format("mc_{}", index); }

std::optional<size_t> parse_whole(std::string_view text) {
  size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

json public_company_json(const Company& company) {
  json departments = json::array();
  for (size_t i = 0; i < company.departments.size(); ++i)
    departments.push_back(named(department_id(i), company.departments[i]));
  json offices = json::array();
  for (size_t i = 0; i < company.offices.size(); ++i)
    offices.push_back(named(office_id(i), company.offices[i]));
  // A world names a company once; Justworks' trade and legal names are
  // then the same.
  return {{"id", company.id},
          {"display_name", company.name},
          {"legal_name", company.name},
          {"departments", std::move(departments)},
          {"offices", std::move(offices)}};
}

json public_member_json(const Member& member, const Company& company) {
  json manager = nullptr;
  if (member.manager) {
    if (const Member* m = company.find_member_by_email(member.manager->email))
      manager = {{"id", m->id}};
  }
  // An invited member is on the company's books (not terminated), so active.
  return {{"id", member.id},
          {"company_id", company.id},
          {"name", {{"given_name", member.first_name}, {"family_name", member.last_name}}},
          {"active", true},
          {"emails", json::array({{{"address", member.email}}})},
          {"job_title", member.title ? json(*member.title) : json(nullptr)},
          {"department", named_ref(company.departments, member.department, department_id)},
          {"office", named_ref(company.offices, member.office, office_id)},
          {"manager", manager},
          {"employment_start_date", member.start_date ? json(*member.start_date) : json(nullptr)},
          {"employment_termination_date", nullptr}};
}

Outcome<json> public_member_page(const Company& company, const MemberPageQuery& query) {
  size_t limit = kMemberPageMax;
  if (query.limit) {
    auto parsed = parse_whole(*query.limit);
    if (!parsed || *parsed < 1 || *parsed > static_cast<size_t>(kMemberPageMax))
      return bad_request("invalid_parameter",
                         fmt::format("limit must be a whole number from 1 to {}, not '{}'",
                                     kMemberPageMax, *query.limit),
                         "limit");
    limit = *parsed;
  }
  if (query.status && *query.status != "active" && *query.status != "terminated")
    return bad_request("invalid_parameter", "status must be active or terminated", "status");
  // The fake has no terminated members: every member it holds is active.
  std::vector<const Member*> listed;
  if (!query.status || *query.status == "active") {
    for (const Member& m : company.members) listed.push_back(&m);
  }
  size_t start = 0;
  if (query.cursor) {
    const std::string& c = *query.cursor;
    auto index = c.rfind("mc_", 0) == 0 ? parse_whole(std::string_view(c).substr(3)) : std::nullopt;
    if (!index || *index == 0 || *index >= listed.size())
      return bad_request("invalid_parameter", "cursor is not one this list handed out", "cursor");
    start = *index;
  }
  json items = json::array();
  const size_t end = std::min(listed.size(), start + limit);
  for (size_t i = start; i < end; ++i) items.push_back(public_member_json(*listed[i], company));
  return json{{"items", std::move(items)},
              {"next_cursor", end < listed.size() ? json(cursor_for(end)) : json(nullptr)}};
}

}  // namespace sim::justworks
