#include "cli/rules_command.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/rules_catalog.h"
#include "cli/run_command.h"
#include "scenario/scenario.h"

namespace sim::cli {

void add_rules_command(CLI::App& app, RulesArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "rules", "List every conformance rule with the scenarios covering it; fail if one has none");
  cmd->add_option("paths", args.paths, "Scenario files or folders (default: scenarios/)");
  cmd->callback([&args, &exit_code] { exit_code = rules(args); });
}

int rules(const RulesArgs& args) {
  const auto roots = args.paths.empty() ? std::vector<std::string>{"scenarios/"} : args.paths;
  std::set<std::string> known;
  for (const auto& rule : rule_catalog()) known.insert(rule.id);

  std::map<std::string, std::vector<std::string>> covering;
  int exit_code = kAllPassed;
  for (const auto& root : roots) {
    auto files = find_scenario_files(root);
    if (!files.ok()) {
      fmt::print(stderr, "hiresim rules: {}\n", files.status().message());
      return kBadInput;
    }
    for (const auto& file : *files) {
      auto scenario = load_scenario(file);
      if (!scenario.ok()) {
        fmt::print(stderr, "hiresim rules: {}\n", scenario.status().message());
        exit_code = kBadInput;
        continue;
      }
      for (const auto& id : scenario->covers) {
        if (!known.count(id)) {
          fmt::print(stderr, "hiresim rules: {}: \"covers\" names unknown rule \"{}\"\n", file, id);
          exit_code = kBadInput;
          continue;
        }
        covering[id].push_back(file);
      }
    }
  }

  size_t uncovered = 0;
  for (const auto& rule : rule_catalog()) {
    const auto it = covering.find(rule.id);
    const size_t n = it == covering.end() ? 0 : it->second.size();
    fmt::print("{:<9} {}\n", rule.id, rule.text);
    if (n == 0) {
      ++uncovered;
      fmt::print("          NOT COVERED by any scenario\n");
    } else {
      for (const auto& file : it->second) fmt::print("          covered by {}\n", file);
    }
  }
  fmt::print("{} rules, {} covered, {} not covered\n", rule_catalog().size(),
             rule_catalog().size() - uncovered, uncovered);
  if (exit_code != kAllPassed) return exit_code;
  return uncovered == 0 ? kAllPassed : kExpectationFailed;
}

}  // namespace sim::cli
