// The two calls Justworks' public partner API has and the sync reads,
// GET /v1/company and GET /v1/members, in that API's shapes
// (docs/justworks-api.md, "Public API"): the company's display and legal
// name with its departments and offices, members with name{given_name,
// family_name}, emails[] and active, and {items, next_cursor} paging.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/records.h"

namespace sim::justworks {

// The company as GET /v1/company answers it.
nlohmann::json public_company_json(const Company& company);

// One member as GET /v1/members lists it.
nlohmann::json public_member_json(const Member& member, const Company& company);

// The page size GET /v1/members takes: 1..100, 100 when absent.
inline constexpr int kMemberPageMax = 100;

// A page request: where to start (an opaque cursor from next_cursor) and
// how many. `status` is active or terminated, or absent for both.
struct MemberPageQuery {
  std::optional<std::string> cursor;
  std::optional<std::string> limit;
  std::optional<std::string> status;
};

// {"items": [...], "next_cursor": "..." or null}, or 400 naming the bad
// parameter: a limit that is not a whole number in 1..100, a cursor this
// server did not hand out for this list, a status other than the two.
Outcome<nlohmann::json> public_member_page(const Company& company, const MemberPageQuery& query);

}  // namespace sim::justworks
