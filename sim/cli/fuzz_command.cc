#include "cli/fuzz_command.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/run_command.h"
#include "fuzz/fuzzer.h"

namespace sim::cli {

void add_fuzz_command(CLI::App& app, FuzzArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "fuzz", "run seeded random histories with faults and check every hire happens exactly once");
  cmd->add_option("--seed", args.seed, "the first seed; run K uses seed + K")->capture_default_str();
  cmd->add_option("--runs", args.runs, "how many seeds to run")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", args.jobs, "runs at once")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--out", args.out_dir, "where a failing seed's repro scenario is written")
      ->capture_default_str();
  cmd->add_flag("--show", args.show, "print the first seed's generated scenario and exit");
  cmd->callback([&args, &exit_code] { exit_code = fuzz(args); });
}

int fuzz(const FuzzArgs& args) {
  if (args.show) {
    fuzz::Failure shown;  // the same rendering as a repro, without a failure
    shown.seed = args.seed;
    shown.shrunk = fuzz::generate_history(args.seed);
    shown.events_before = shown.shrunk.size();
    shown.scenario = fuzz::scenario_document(args.seed, shown.shrunk);
    fmt::print("{}", fuzz::repro_text(shown));
    return kAllPassed;
  }
  const auto started = std::chrono::steady_clock::now();
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> done{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::optional<fuzz::Failure> first;  // the lowest failing seed

  auto worker = [&] {
    for (uint64_t k = next++; k < args.runs && !stop; k = next++) {
      auto failure = fuzz::fuzz_one(args.seed + k);
      ++done;
      if (!failure) continue;
      std::lock_guard lock(mu);
      stop = true;
      if (!first || failure->seed < first->seed) first = std::move(failure);
    }
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < args.jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const uint64_t runs = done.load();
  if (first) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    const fs::path path = fs::path(args.out_dir) / fmt::format("fuzz-repro-seed-{}.json", first->seed);
    std::ofstream(path) << fuzz::repro_text(*first);
    const bool broken = first->verdict.kind == fuzz::Verdict::Kind::kBroken;
    fmt::print("FAIL  seed {}: {} {}\n", first->seed,
               broken ? "invariant broken at" : "an action failed:", first->verdict.where);
    fmt::print("{}\n", first->verdict.report);
    fmt::print("  shrunk from {} events to {}; reproduce with: hiresim run {}\n",
               first->events_before, first->shrunk.size(), path.string());
  }
  fmt::print("{} runs from seed {}, {} failed, {:.1f} s, {:.1f} runs/s\n", runs, args.seed,
             first ? 1 : 0, seconds, seconds > 0 ? static_cast<double>(runs) / seconds : 0.0);
  std::fflush(stdout);
  return first ? kExpectationFailed : kAllPassed;
}

}  // namespace sim::cli
