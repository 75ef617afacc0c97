// PLACEHOLDER until the full mapping lands: names and email only.
#include "mapping/map_hire.h"

namespace hiresync {

PendingHireDraft map_hire(const HireInputs& in) {
  PendingHireDraft d;
  d.lever_opportunity_id = in.opportunity.id;
  d.lever_contact_id = in.opportunity.contact_id;
  const auto space = in.opportunity.name.find(' ');
  d.first_name = in.opportunity.name.substr(0, space);
  if (space != std::string::npos) d.last_name = in.opportunity.name.substr(space + 1);
  if (!in.opportunity.emails.empty()) d.home_email = in.opportunity.emails.front();
  return d;
}

nlohmann::json to_json(const PendingHireDraft& d) {
  auto opt = [](const std::optional<std::string>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : d.notes) notes.push_back({{"field", n.field}, {"reason", n.reason}});
  return {{"source", "lever"},
          {"lever_opportunity_id", d.lever_opportunity_id},
          {"lever_contact_id", d.lever_contact_id},
          {"first_name", opt(d.first_name)},
          {"last_name", opt(d.last_name)},
          {"home_email", opt(d.home_email)},
          {"title", opt(d.title)},
          {"department", opt(d.department)},
          {"office", opt(d.office)},
          {"manager", d.manager ? nlohmann::json{{"name", d.manager->name}, {"email", d.manager->email}}
                                : nlohmann::json(nullptr)},
          {"start_date", opt(d.start_date)},
          {"member_type", opt(d.member_type)},
          {"compensation_amount", d.compensation_amount ? nlohmann::json(*d.compensation_amount)
                                                        : nlohmann::json(nullptr)},
          {"type_of_earnings", opt(d.type_of_earnings)},
          {"exemption_status", opt(d.exemption_status)},
          {"flags", d.flags},
          {"notes", notes}};
}

}  // namespace hiresync
