// `hiresim bench`: measures the speed figures of issue #20 on this machine and
// prints each against its target. Figures, not pass/fail tests: the exit
// status says only whether every measurement could be taken.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace sim::cli {

struct BenchArgs {
  std::string suite = "scenarios/";
  std::string one = "scenarios/setup/help_article_happy_path.json";
  int jobs = 2;
  int hires = 2000;
  int workers = 4;  // the core's worker threads in the core figure
  int wrk_seconds = 5;
  std::string only;   // "suite", "fuzz", "core" or "http"; empty = all
  bool json = false;  // figures as JSON on stdout instead of the table
};

void add_bench_command(CLI::App& app, BenchArgs& args, int& exit_code);
int bench(const BenchArgs& args);

}  // namespace sim::cli
