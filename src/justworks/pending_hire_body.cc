// Only the listed keys are written, so nothing else (files, offer documents,
// Lever ids beyond the two) can reach Justworks (MAP-10).
#include "justworks/pending_hire_body.h"

#include <cmath>

namespace hiresync::justworks {
namespace {

using nlohmann::json;

json or_null(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

// Whole dollars as a JSON integer (185000, not 185000.0); cents as a decimal.
// 2^53 is where doubles stop holding every integer exactly.
json amount_json(const std::optional<double>& amount) {
  if (!amount) return nullptr;
  constexpr double kExactIntegerMax = 9007199254740992.0;
  const double value = *amount;
  if (std::isfinite(value) && value == std::floor(value) && std::abs(value) <= kExactIntegerMax) {
    return static_cast<int64_t>(value);
  }
  return value;
}

}  // namespace

json pending_hire_body(const PendingHireDraft& d) {
  json notes = json::array();
  for (const Note& note : d.notes)
    notes.push_back({{"field", note.field}, {"reason", note.reason}});
  json manager = nullptr;
  if (d.manager) manager = {{"name", d.manager->name}, {"email", d.manager->email}};
  return {{"source", "lever"},
          {"lever_opportunity_id", d.lever_opportunity_id},
          {"lever_contact_id", d.lever_contact_id},
          {"first_name", or_null(d.first_name)},
          {"last_name", or_null(d.last_name)},
          {"home_email", or_null(d.home_email)},
          {"title", or_null(d.title)},
          {"department", or_null(d.department)},
          {"office", or_null(d.office)},
          {"manager", manager},
          {"start_date", or_null(d.start_date)},
          {"member_type", or_null(d.member_type)},
          {"compensation_amount", amount_json(d.compensation_amount)},
          {"type_of_earnings", or_null(d.type_of_earnings)},
          {"exemption_status", or_null(d.exemption_status)},
          {"flags", d.flags},
          {"notes", notes}};
}

}  // namespace hiresync::justworks
