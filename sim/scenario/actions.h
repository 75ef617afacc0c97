// The scenario actions of SPEC §6: each one what a person does in Lever's or
// Justworks' UI, or what the environment does (time passing, crashes).
#pragma once

#include "scenario/scenario.h"
#include "scenario/step_context.h"

namespace sim {

// Runs an action step. A Status error means the step itself is broken
// (missing parameter, unknown tenant) or the simulator failed; a refused
// action is an ActionOutcome, which expect.error may expect.
hiresync::Result<ActionOutcome> run_action(StepContext& ctx, const Step& step);

}  // namespace sim
