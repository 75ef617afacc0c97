// `--set lever.KEY=VALUE`: a Lever switch (fake_lever/switches.h) for every
// world of the run that does not set it itself. Shared by `run` and `fuzz`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim::cli {

// The switches as a world's lever.settings object ({"retry_token": "mint",
// "refresh_grace_s": 30}). InvalidArgument names the --set that is wrong.
hiresync::Result<nlohmann::json> parse_set_options(const std::vector<std::string>& sets);

}  // namespace sim::cli
