#include "cli/run_command.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "scenario/scenario.h"

namespace sim::cli {
namespace {

using Outcome = ScenarioResult::Outcome;

const char* label(Outcome o) {
  switch (o) {
    case Outcome::kPassed: return "PASS ";
    case Outcome::kFailed: return "FAIL ";
    case Outcome::kInvalid: return "BAD  ";
    case Outcome::kError: return "ERROR";
  }
  return "?";
}

bool selected(const std::string& path, const std::string& filter) {
  if (filter.empty() || path.find(filter) != std::string::npos) return true;
  auto s = load_scenario(path);
  return s.ok() && s->name.find(filter) != std::string::npos;
}

}  // namespace

void add_run_command(CLI::App& app, RunArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("run", "Replay scenarios, each in a fresh, isolated world");
  cmd->add_option("paths", args.paths, "Scenario files or folders (default: scenarios/)");
  cmd->add_option("--filter", args.options.filter, "Only scenarios whose path or name contains TEXT");
  cmd->add_option("--jobs,-j", args.options.jobs, "Scenarios run at once (default: the machine's cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--seed", args.seed, "Seed every scenario with N instead of its own seed");
  args.options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  cmd->callback([&args, &exit_code] { exit_code = run(args); });
}

int run(const RunArgs& args) {
  RunOptions options = args.options;
  options.seed = args.seed;
  std::vector<std::string> roots = args.paths.empty() ? std::vector<std::string>{"scenarios/"} : args.paths;

  std::vector<std::string> files;
  for (const auto& root : roots) {
    auto found = find_scenario_files(root);
    if (!found.ok()) {
      fmt::print(stderr, "hiresim run: {}\n", found.status().message());
      return kBadInput;
    }
    for (auto& f : *found) {
      if (selected(f, options.filter)) files.push_back(std::move(f));
    }
  }

  size_t passed = 0, failed = 0;
  int exit_code = kAllPassed;
  run_scenarios(files, options, [&](const ScenarioResult& r) {
    const std::string title = r.name.empty() ? "" : " — " + r.name;
    fmt::print("{} {}{} ({} ms)\n", label(r.outcome), r.path, title, r.wall_ms);
    if (!r.report.empty()) fmt::print("{}\n", r.report);
    std::fflush(stdout);
    if (r.outcome == Outcome::kPassed) {
      ++passed;
      return;
    }
    ++failed;
    const int code = r.outcome == Outcome::kFailed    ? kExpectationFailed
                     : r.outcome == Outcome::kInvalid ? kBadInput
                                                      : kInternalError;
    exit_code = std::max(exit_code, code);
  });
  fmt::print("{} passed, {} failed\n", passed, failed);
  if (files.empty()) {
    fmt::print(stderr, "hiresim run: no scenario matched\n");
    return kBadInput;
  }
  return exit_code;
}

}  // namespace sim::cli
