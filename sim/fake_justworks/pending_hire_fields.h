// What a client may write into a pending hire, checked the way Justworks
// would: the create body (every SPEC §5 key), Review & Invite edits, and the
// fields Invite New Member requires (REVIEW-1). Pure functions of the body
// and the company; nothing here changes state.
//
// Checks run in two tiers so a caller can put its own checks (permissions,
// state) between them: the shape (400: not an object, unknown or read-only
// key, missing key, wrong JSON type), then the values (422: a value Justworks
// refuses). Both report the first problem in the order of SPEC §5's keys.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "fake_justworks/api_error.h"
#include "fake_justworks/records.h"

namespace sim::justworks {

// A create must carry every §5 key (null when absent); work_email is optional.
std::optional<ApiError> check_create_shape(const nlohmann::json& body);
// An edit carries any subset of the writable keys.
std::optional<ApiError> check_edit_shape(const nlohmann::json& body);

// The 422 tier, for a body that passed a shape check: returns the values as
// stored (department and office spelt as Justworks spells them).
Outcome<nlohmann::json> resolve_values(const Company& company, const nlohmann::json& body);

// A record's fields before anything is written: every key null, lists empty.
nlohmann::json blank_fields();

// Invite New Member's requirements, on a record's fields: first_name,
// last_name, an email (home_email or work_email), start_date, member_type,
// and for W-2 types compensation_amount, type_of_earnings, exemption_status.
// Returns a 422 naming the first one missing, in that order.
std::optional<ApiError> first_missing_for_invite(const nlohmann::json& fields);

// The address an invitation goes to: the work email when set, else the home email.
std::string invitation_email(const nlohmann::json& fields);

}  // namespace sim::justworks
