// `hiresim serve --world NAME|FILE`: which world a session starts from — a
// fixture name (as a scenario's "world"), a world file, or a scenario or
// `repro` bundle (a JSON with "world" and "steps"), whose world is taken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim::serve {

struct WorldChoice {
  nlohmann::json world;          // a scenario's "world": a fixture name or an inline object
  std::string origin;            // where fixture names are looked up from (a file's path)
  std::optional<uint64_t> seed;  // a bundle's own seed, when it has one
};

// `arg` names an existing file (read as JSON with comments), else a fixture.
// Errors name the file and what is wrong with it.
hiresync::Result<WorldChoice> choose_world(const std::string& arg);

// The same, for the body of POST /control/reset: {"world": "acme" | {...}, "seed": n}.
hiresync::Result<WorldChoice> choose_world(const nlohmann::json& world, const std::string& where);

}  // namespace sim::serve
