// The text `hiresim run` prints when a step fails, shared with `hiresim serve`
// so a step posted to the control API fails with the same words.
#pragma once

#include <string>

#include "scenario/json_match.h"
#include "scenario/sim_world.h"
#include "scenario/step_context.h"

namespace sim {

// "  <label>\n    the action failed: <why>\n    (follow it with expect.error …)\n"
std::string refused_action_report(const std::string& label, const ActionOutcome& outcome);

// Where the state differs, then the last requests each fake answered.
std::string mismatch_report(const std::string& label, const Mismatch& m, SimWorld& world);

}  // namespace sim
