#include "webhook/delivery.h"

#include <nlohmann/json.hpp>

namespace hiresync {

Result<Delivery> parse_delivery(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::InvalidArgument("the body is not a JSON object");
  }
  Delivery d;
  auto text = [&](const char* key, std::string& out) {
    auto it = json.find(key);
    if (it == json.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      return false;
    }
    out = it->get<std::string>();
    return true;
  };
  if (!text("token", d.token)) return Status::InvalidArgument("missing or non-string `token`");
  // Lever's docs' example omits `id`; real deliveries carry it. Optional.
  text("id", d.event_id);
  // Lever omits the signature when the webhook has no signing token; ours
  // always has one, so a missing signature is an unsigned delivery: SEC-1
  // answers 401 for it like for a wrong one, not 400.
  text("signature", d.signature);
  if (!text("event", d.event)) return Status::InvalidArgument("missing or non-string `event`");
  auto at = json.find("triggeredAt");
  if (at == json.end() || !(at->is_number_integer() || at->is_number_unsigned())) {
    return Status::InvalidArgument("missing or non-integer `triggeredAt`");
  }
  if (at->is_number_unsigned() && at->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return Status::InvalidArgument("`triggeredAt` out of range");
  }
  d.triggered_at_ms = at->get<int64_t>();

  auto data = json.find("data");
  if (data != json.end() && data->is_object()) {
    d.is_test = data->empty();
    auto opp = data->find("opportunityId");
    if (opp != data->end() && opp->is_string()) d.opportunity_id = opp->get<std::string>();
  }
  return d;
}

bool plausible_lever_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

}  // namespace hiresync
