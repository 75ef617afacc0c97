// Losses, stated: every hire Lever holds that has no pending hire in
// Justworks, with why (the webhook was off, Lever dropped or gave up its
// retries, the delivery was refused, the core ignored or failed the hire),
// and every candidateHired delivery the core refused.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sim::explain {

// `lever_view`: FakeLever::explain_view of the tenant's account;
// `pending_hires`: the company's records; `sync_log`: the core's status API
// sync log for the company (null when the core is down).
// Returns [{tenant, opportunity, what}].
nlohmann::json losses(const std::string& tenant, const nlohmann::json& lever_view,
                      const nlohmann::json& pending_hires, const nlohmann::json& sync_log);

// Every candidateHired delivery the core refused (bad signature, unknown
// address, malformed), from the run's decisions: lost whatever it was about.
nlohmann::json refused_deliveries(const nlohmann::json& decisions);

}  // namespace sim::explain
