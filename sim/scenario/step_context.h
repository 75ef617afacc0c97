// What a scenario's steps share while it runs: the world, and the outcome of
// the last action (for expect.error).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "scenario/sim_world.h"

namespace sim {

// How an action went, as a person would see it: it worked, or it was refused
// with a status and a message.
struct ActionOutcome {
  bool failed = false;
  int status = 0;       // the HTTP status when a server refused, else 0
  std::string message;  // why it failed
  static ActionOutcome ok() { return {}; }
  static ActionOutcome refused(int status, std::string message) {
    return {true, status, std::move(message)};
  }
};

struct StepContext {
  SimWorld& world;
  std::optional<ActionOutcome> last_action;  // nullopt before the first action
};

// Reading a step's parameters. A missing or mistyped parameter is a broken
// scenario (InvalidArgument naming the parameter), not a failed action.
hiresync::Result<std::string> param_string(const nlohmann::json& params, const std::string& key);
std::optional<std::string> param_optional_string(const nlohmann::json& params,
                                                 const std::string& key);
hiresync::Result<bool> param_bool(const nlohmann::json& params, const std::string& key,
                                  bool fallback);

// The company's integration status as the core reports it to its page
// ({"status", "last_error", "webhook", "sync_log"}), read in-process;
// {"status": "core_down"} while the core is crashed.
hiresync::Result<nlohmann::json> integration_status(StepContext& ctx, const std::string& company);

}  // namespace sim
