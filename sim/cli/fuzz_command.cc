#include "cli/fuzz_command.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "cli/reports.h"
#include "cli/run_command.h"
#include "cli/set_option.h"
#include "cli/shard.h"
#include "common/markup.h"
#include "fuzz/fuzzer.h"
#include "fuzz/watchdog.h"

namespace sim::cli {

void add_fuzz_command(CLI::App& app, FuzzArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "fuzz", "run seeded random histories with faults and check every hire happens exactly once");
  cmd->add_option("--seed", args.seed, "the first seed; run K uses seed + K")
      ->capture_default_str();
  cmd->add_option("--runs", args.runs, "how many seeds to run")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", args.jobs, "runs at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--shard", args.shard,
                  "only block K of N (K/N) of the seeds: a stable split for a CI matrix");
  cmd->add_option("--junit", args.junit_path,
                  "write a JUnit XML report (one testcase, the failure) to FILE");
  cmd->add_option("--out", args.out_dir, "where a failing seed's repro scenario is written")
      ->capture_default_str();
  cmd->add_option("--hang-seconds", args.hang_seconds,
                  "a seed running longer is a hang: name it, write its scenario, exit 3")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  cmd->add_flag("--keep-going", args.keep_going,
                "run every seed, not stopping at the first failure; each failing seed gets a line");
  cmd->add_option("--workers", args.workers,
                  "the core's worker threads in every run: above 1, the invariants under real "
                  "concurrency (a failure is run again to confirm)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--show", args.show, "print the first seed's generated scenario and exit");
  cmd->add_option("--set", args.sets,
                  "lever.KEY=VALUE: a Lever switch for every run (written into the repro); "
                  "repeatable");
  cmd->callback([&args, &exit_code] { exit_code = fuzz(args); });
}

namespace {

// One testcase for the seeds run: CI dashboards show a fuzz shard as one
// result, and a failure carries its seed, the broken invariant and the file
// to replay, as the terminal does.
std::string junit_text(uint64_t first, uint64_t runs, double seconds, const std::string& failure) {
  const std::string name = fmt::format("seeds {}..{}", first, first + runs - (runs > 0 ? 1 : 0));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites><testsuite name=\"hiresim fuzz\" tests=\"1\" failures=\"{}\" time=\"{:.3f}\">\n",
      failure.empty() ? 0 : 1, seconds);
  out += fmt::format("  <testcase classname=\"fuzz\" name=\"{}\" time=\"{:.3f}\">",
                     markup_escape(name), seconds);
  if (!failure.empty())
    out += fmt::format("<failure message=\"exactly-once invariants\">{}</failure>",
                       markup_escape(failure));
  out += "</testcase>\n</testsuite></testsuites>\n";
  return out;
}

// Writes the failure's shrunk scenario under `out_dir`; returns its path.
std::string write_repro(const fuzz::Failure& f, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  const fs::path path = fs::path(out_dir) / fmt::format("fuzz-repro-seed-{}.json", f.seed);
  std::ofstream(path) << fuzz::repro_text(f);
  return path.string();
}

std::string headline(const fuzz::Failure& f) {
  const bool broken = f.verdict.kind == fuzz::Verdict::Kind::kBroken;
  std::string line =
      fmt::format("FAIL  seed {}{}: {} {}", f.seed,
                  f.workers > 1 ? fmt::format(" ({} workers)", f.workers) : "",
                  broken ? "invariant broken at" : "an action failed:", f.verdict.where);
  if (f.confirmation) line += " (" + fuzz::confirmation_text(f) + ")";
  return line;
}

std::string reproduce_command(const fuzz::Failure& f, const std::string& path) {
  return f.workers > 1 ? fmt::format("hiresim run --workers {} {}", f.workers, path)
                       : fmt::format("hiresim run {}", path);
}

}  // namespace

int fuzz(const FuzzArgs& args) {
  auto settings = parse_set_options(args.sets);
  if (!settings.ok()) {
    fmt::print(stderr, "hiresim fuzz: {}\n", settings.status().message());
    return kBadInput;
  }
  if (args.show) {
    fuzz::Failure shown;  // the same rendering as a repro, without a failure
    shown.seed = args.seed;
    shown.shrunk = fuzz::generate_history(args.seed);
    shown.events_before = shown.shrunk.size();
    shown.scenario = fuzz::scenario_document(args.seed, shown.shrunk, *settings);
    fmt::print("{}", fuzz::repro_text(shown));
    return kAllPassed;
  }
  Shard shard;
  if (!args.shard.empty()) {
    auto parsed = parse_shard(args.shard);
    if (!parsed.ok()) {
      fmt::print(stderr, "hiresim fuzz: {}\n", parsed.status().message());
      return kBadInput;
    }
    shard = *parsed;
  }
  if (!args.junit_path.empty()) {
    if (auto s = check_report_destination("--junit", args.junit_path); !s.ok()) {
      fmt::print(stderr, "hiresim fuzz: {}\n", s.message());
      return kBadInput;
    }
  }
  const auto [first_seed, count] = seed_block(args.seed, args.runs, shard);
  if (shard.n > 1)
    fmt::print("shard {}/{}: seeds {}..{} of {}..{}\n", shard.k, shard.n, first_seed,
               first_seed + count - (count > 0 ? 1 : 0), args.seed, args.seed + args.runs - 1);
  const auto started = std::chrono::steady_clock::now();
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> done{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::optional<fuzz::Failure> first;  // the lowest failing seed
  uint64_t failed = 0;

  fuzz::FuzzOptions options;
  options.lever_settings = *settings;
  options.workers = args.workers;
  fuzz::Watchdog watchdog(args.jobs, std::chrono::seconds(args.hang_seconds), args.out_dir,
                          options);
  // The bindings are captured by name: clang 14 cannot capture them by `&`.
  auto next_seed = [&, count = count,
                    first_seed = first_seed](int worker) -> std::optional<uint64_t> {
    const uint64_t k = next++;
    if (k >= count || stop) return std::nullopt;
    watchdog.begin(worker, first_seed + k);
    return first_seed + k;
  };
  auto seed_done = [&](int worker, uint64_t, std::optional<fuzz::Failure> failure) {
    watchdog.end(worker);
    ++done;
    if (!failure) return;
    std::lock_guard lock(mu);
    ++failed;
    if (args.keep_going) {  // one line each as found; the lowest seed in full at the end
      fmt::print("{}; reproduce with: {}\n", headline(*failure),
                 reproduce_command(*failure, write_repro(*failure, args.out_dir)));
      std::fflush(stdout);
    } else {
      stop = true;
    }
    if (!first || failure->seed < first->seed) first = std::move(failure);
  };
  fuzz::run_seeds(args.jobs, options, next_seed, seed_done);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const uint64_t runs = done.load();
  std::string failure_text;
  if (first) {
    const std::string path = write_repro(*first, args.out_dir);
    fmt::print("{}\n{}\n", headline(*first), first->verdict.report);
    fmt::print("  shrunk from {} events to {}; reproduce with: {}\n", first->events_before,
               first->shrunk.size(), reproduce_command(*first, path));
    failure_text = fmt::format("{} failed; the lowest, seed {}: {}\n{}\nreproduce with: {}\n",
                               failed, first->seed, headline(*first), first->verdict.report,
                               reproduce_command(*first, path));
  }
  if (!args.junit_path.empty()) {
    if (auto s =
            write_report_file(args.junit_path, junit_text(first_seed, runs, seconds, failure_text));
        !s.ok())
      fmt::print(stderr, "hiresim fuzz: {}\n", s.message());
  }
  fmt::print("{} runs from seed {}, {} failed, {:.1f} s, {:.1f} runs/s\n", runs, first_seed, failed,
             seconds, seconds > 0 ? static_cast<double>(runs) / seconds : 0.0);
  std::fflush(stdout);
  return first ? kExpectationFailed : kAllPassed;
}

}  // namespace sim::cli
