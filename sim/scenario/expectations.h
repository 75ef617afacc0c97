// The scenario expectations of SPEC §6 (expect.pending_hires, expect.emails,
// expect.integration, expect.error, ...), checked against the world's state.
#pragma once

#include <optional>

#include "scenario/json_match.h"
#include "scenario/scenario.h"
#include "scenario/step_context.h"

namespace sim {

// nullopt when the expectation holds; else what differs. A Status error
// means the expectation itself is malformed.
hiresync::Result<std::optional<Mismatch>> check_expectation(StepContext& ctx, const Step& step);

}  // namespace sim
