// `hiresim run [PATH…]`: replays scenarios and ends with "N passed, N failed".
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "scenario/runner.h"

namespace sim::cli {

struct RunArgs {
  std::vector<std::string> paths;
  RunOptions options;
  std::optional<uint64_t> seed;
  std::string shard;  // "K/N"
  std::string junit_path;
  std::string json_path;
  std::string html_path;
  std::vector<std::string> sets;  // --set lever.KEY=VALUE
};

// Registers the subcommand; `exit_code` receives the command's exit status.
void add_run_command(CLI::App& app, RunArgs& args, int& exit_code);

// Exit statuses of SPEC §7.
enum ExitCode { kAllPassed = 0, kExpectationFailed = 1, kBadInput = 2, kInternalError = 3 };

int run(const RunArgs& args);

}  // namespace sim::cli
