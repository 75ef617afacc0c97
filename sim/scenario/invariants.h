// expect.invariants: the exactly-once promises, checked on the whole world at
// once (the fuzzer ends every generated scenario with it; hand-written
// scenarios may use it too).
//   {"expect.invariants": {"synced": ["opp-a"], "unsynced": ["opp-b"]}}
// Always: no opportunity has two pending pending-hires; every pending hire
// has exactly one email per eligible admin (admin + Manage employees) and
// no one else gets one; no email points at no pending hire; Lever never
// served a file, resume or offer download; every candidateHired delivery
// Lever saw acknowledged is in the core's sync log; no issued secret appears
// in the core's log, status, sync log or emails. "synced" opportunities have
// exactly one pending hire in status pending (and any number dismissed or
// invited before), "unsynced" ones none at all.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "scenario/json_match.h"
#include "scenario/step_context.h"

namespace sim {

hiresync::Result<std::optional<Mismatch>> check_invariants(StepContext& ctx,
                                                           const nlohmann::json& params);

}  // namespace sim
