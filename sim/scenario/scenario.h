// Scenario: one test case as data (SPEC §6) — a world, and steps that are
// either actions (what a person does, or what goes wrong) or expectations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim {

struct Step {
  size_t index = 0;       // 1-based, as reported to users
  std::string action;     // e.g. "lever.hire", "expect.pending_hires"
  nlohmann::json params;  // the value under the action's name
  bool is_expectation() const { return action.rfind("expect.", 0) == 0; }
};

struct Scenario {
  std::string path;  // the file, as given
  std::string name;
  std::vector<std::string> covers;  // rule ids, e.g. "HIRE-1"
  uint64_t seed = 1;
  nlohmann::json world;  // a fixture name (string) or an inline world
  std::vector<Step> steps;
};

// Every action and expectation the runner knows; parse() refuses others.
bool is_known_action(const std::string& action);
// The same list, for docs/scenarios.md's test and for help texts.
std::vector<std::string_view> known_actions();

// Parses and validates a scenario document; errors name `path` and the step.
hiresync::Result<Scenario> parse_scenario(const nlohmann::json& doc, const std::string& path);
hiresync::Result<Scenario> load_scenario(const std::string& path);

// Every *.json under `path` (or `path` itself when it is a file), sorted.
hiresync::Result<std::vector<std::string>> find_scenario_files(const std::string& path);

}  // namespace sim
