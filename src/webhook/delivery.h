// Delivery: a Lever webhook POST body, parsed defensively. Lever's envelope is
// {id?, event, triggeredAt, token, signature, data}; the Verify button sends
// the same envelope with `data: {}` (reference/lever-api.md §2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace hiresync {

inline constexpr std::string_view kCandidateHired = "candidateHired";

struct Delivery {
  std::string event_id;  // Lever's event `id`, the same on every retry and Rerun; "" when absent
  std::string token;
  int64_t triggered_at_ms = 0;
  std::string signature;
  std::string event;
  bool is_test = false;        // data is an empty object: Verify Connection
  std::string opportunity_id;  // data.opportunityId, when it is a string
};

// kInvalidArgument naming what is wrong: not JSON, not an object, or a
// missing/mistyped token, triggeredAt, signature or event.
Result<Delivery> parse_delivery(std::string_view body);

// Lever ids are UUIDs or slugs; anything else is refused before it reaches a
// URL path or an idempotency key.
bool plausible_lever_id(std::string_view id);

}  // namespace hiresync
