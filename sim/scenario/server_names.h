// The servers' ports are the OS's choice and differ on every run. Wherever a
// run is shown or kept (the report, the transcript, the kept database), each
// server's base URL is written as a fixed name instead, so the same scenario
// and seed give the same bytes and a review link reads the same everywhere
// ("http://justworks.sim/review/ph_…").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim {

// Each server's base URL (e.g. "http://127.0.0.1:45617") and its name
// ("http://justworks.sim").
using ServerNames = std::vector<std::pair<std::string, std::string>>;

// Replaces every base URL of `names` in `text` by its name; a URL followed by
// a digit is another port and stays.
void name_servers(std::string& text, const ServerNames& names);
// The same in every string of `value`.
void name_servers(nlohmann::json& value, const ServerNames& names);

}  // namespace sim
