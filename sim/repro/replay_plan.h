// What `hiresim repro` replays: the export's state as a scenario (SPEC §6) —
// connect as the help article says, the support engineer's own steps, then
// the candidateHired Lever sent for each opportunity archived as hired, and
// settle. The scenario runner runs it like any other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "repro/world_builder.h"

namespace sim::repro {

struct ReplayRequest {
  std::string source;                                    // the export's path, named in the scenario
  std::optional<std::string> opportunity;                // --opportunity: only this one's events
  nlohmann::json extra_steps = nlohmann::json::array();  // --steps
};

// A scenario document: {"name", "description", "seed", "world", "steps"}.
// `notes` gets a line when an opportunity asked for is not a hire. Errors:
// --opportunity names no exported opportunity.
hiresync::Result<nlohmann::json> replay_scenario(const ImportedWorld& imported,
                                                 const ReplayRequest& request,
                                                 std::vector<std::string>& notes);

// --steps FILE: a JSON array of scenario steps, or a scenario-like object
// holding one under "steps". Errors name the file.
hiresync::Result<nlohmann::json> read_steps_file(const std::string& path);

}  // namespace sim::repro
