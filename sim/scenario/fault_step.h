// The scenario step {"fault": {...}} (SPEC §6): arms a fault in the world.
//   {"target": "lever|justworks", "match": "GET /v1/opportunities/*",
//    "respond": 503 | "timeout" | "drop" | "reset", "times": 1, "after": 0}
//   {"target": "lever", "deliveries": "duplicate|reorder|delay", "event",
//    "opportunity", "by": "10m", "times", "after"}
//   {"target": "core", "crash_at": "after_ack|after_fetch|after_create|before_email",
//    "times", "after"}
//   {"target": "...", "clear": true}: disarms every fault of that target
//   (for Lever, its delivery faults too).
// A malformed fault is a broken scenario: the error names the field.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "scenario/step_context.h"

namespace sim {

hiresync::Result<ActionOutcome> arm_fault(StepContext& ctx, const nlohmann::json& params);

}  // namespace sim
