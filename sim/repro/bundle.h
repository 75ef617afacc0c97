// A repro bundle: one scenario file (SPEC §6) holding the world, the steps
// and, as expectations, the outcome observed — `hiresim run BUNDLE` replays
// it, and it can move into scenarios/ as a regression test. Files are written
// whole or not at all.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "repro/outcome.h"

namespace sim::repro {

// `scenario` (as replay_scenario made it, redacted or not) with the
// outcome's expectation steps appended.
nlohmann::json make_bundle(const nlohmann::json& scenario, const Outcome& observed);

// Writes `text` to a temporary file beside `path`, then renames it over
// `path`: a reader sees the old file or the new one, never half of one.
hiresync::Status write_atomically(const std::string& path, const std::string& text);

}  // namespace sim::repro
