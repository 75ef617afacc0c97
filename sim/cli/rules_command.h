// `hiresim rules [PATH…]`: every rule id, its text, and the scenarios that
// cover it; exits 1 when a rule has no covering scenario.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sim::cli {

struct RulesArgs {
  std::vector<std::string> paths;
};

void add_rules_command(CLI::App& app, RulesArgs& args, int& exit_code);
int rules(const RulesArgs& args);

}  // namespace sim::cli
