// Reads a world's "justworks" object into a Company, refusing anything
// malformed with a message that names the source and the JSON path.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"
#include "fake_justworks/records.h"

namespace sim::justworks {

// The object's form: {"company": {"id", "name"}, "departments": [names],
// "offices": [names], "members": [{id, first_name, last_name, email, admin,
// permissions, status, title, department, office, start_date, member_type}]}.
// Errors read "<where>: /members/2/email: <what>".
hiresync::Result<Company> load_company(const nlohmann::json& justworks, const std::string& where);

}  // namespace sim::justworks
