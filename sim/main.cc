// hiresim: the Lever → Justworks integration simulator and conformance harness.
#include <malloc.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/bench_command.h"
#include "cli/fuzz_command.h"
#include "cli/repro_command.h"
#include "cli/rules_command.h"
#include "cli/run_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  // Each server thread (from the shared ThreadCache) would take a malloc arena
  // of its own and keep its freed memory: eight at most. Two made the
  // threads queue for their arena's lock (paired runs, issue 20: with eight,
  // `run scenarios/ -j2` 0.87x the wall time, `fuzz --jobs 2` 0.80x, for
  // 3 MiB more peak memory: 29 MiB against 26).
  mallopt(M_ARENA_MAX, 8);
  // A body over glibc's mmap threshold (128 KiB at start) is mapped afresh for
  // every copy and unmapped when freed: a 1 MiB webhook body cost ~250 page
  // faults per copy, and cpp-httplib's client copies each request it sends.
  // Kept in the heap instead, freed buffers are reused: the SEC-3 scenario's
  // CPU fell to 0.58x (issue 20). Trimming waits for 32 MiB of free top.
  mallopt(M_MMAP_THRESHOLD, 8 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  CLI::App app{
      "hiresim — runs a fake Lever, a fake Justworks and the real sync core, replays scenarios "
      "and checks the pending hires, emails and integration state they produce."};
  app.require_subcommand(1);
  int exit_code = sim::cli::kInternalError;
  sim::cli::RunArgs run_args;
  sim::cli::add_run_command(app, run_args, exit_code);
  sim::cli::RulesArgs rules_args;
  sim::cli::add_rules_command(app, rules_args, exit_code);
  sim::cli::FuzzArgs fuzz_args;
  sim::cli::add_fuzz_command(app, fuzz_args, exit_code);
  sim::cli::ReproArgs repro_args;
  sim::cli::add_repro_command(app, repro_args, exit_code);
  sim::cli::BenchArgs bench_args;
  sim::cli::add_bench_command(app, bench_args, exit_code);
  sim::cli::ServeArgs serve_args;
  sim::cli::add_serve_command(app, serve_args, exit_code);
  // CLI11 would call a mistyped command "an argument that was not expected";
  // a person typed a command, so say that, and list the real ones.
  const CLI::App& commands = app;
  const auto named = [&](const char* name) {
    return commands.get_subcommands([&](const CLI::App* sub) { return sub->check_name(name); });
  };
  if (argc > 1 && argv[1][0] != '-' && named(argv[1]).empty()) {
    std::string names;
    for (const CLI::App* sub : commands.get_subcommands([](const CLI::App*) { return true; }))
      names += (names.empty() ? "" : ", ") + sub->get_name();
    fmt::print(stderr, "hiresim: unknown command '{}' (commands: {}; see hiresim --help)\n",
               argv[1], names);
    return sim::cli::kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : sim::cli::kBadInput;
  }
  return exit_code;
}
