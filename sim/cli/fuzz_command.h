// `hiresim fuzz --seed S --runs N`: random histories of hires, unhires,
// revokes, reconnects and faults of every kind, each checked against the
// exactly-once invariants. A failure prints its seed and writes a shrunk
// scenario that reproduces it with `hiresim run`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sim::cli {

struct FuzzArgs {
  uint64_t seed = 1;
  uint64_t runs = 100;
  int jobs = 1;
  int workers = 1;    // the core's worker threads in each run
  std::string shard;  // "K/N": only block K of N of the seed range
  std::string out_dir = ".";
  std::string junit_path;
  int hang_seconds = 120;         // a seed running longer is reported as a hang
  bool keep_going = false;        // a soak lists every failing seed
  bool show = false;              // print the seed's scenario instead of running it
  std::vector<std::string> sets;  // --set lever.KEY=VALUE: Lever switches for every run
};

void add_fuzz_command(CLI::App& app, FuzzArgs& args, int& exit_code);
int fuzz(const FuzzArgs& args);

}  // namespace sim::cli
