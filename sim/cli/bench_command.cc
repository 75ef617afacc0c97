#include "cli/bench_command.h"

#include <cstdio>

#include <fmt/format.h>

#include "bench/core_bench.h"
#include "bench/http_bench.h"
#include "bench/suite_bench.h"
#include "cli/run_command.h"

namespace sim::cli {
namespace {

// One line of the table: what, the figure, the target, and whether it holds.
void row(const std::string& what, const std::string& figure, const std::string& target, bool met) {
  fmt::print("  {:<44} {:>16}   {:<12} {}\n", what, figure, target, met ? "met" : "MISSED");
  std::fflush(stdout);
}

bool bench_suite(const BenchArgs& args) {
  fmt::print("suite ({} with --jobs {}):\n", args.suite, args.jobs);
  auto f = bench::run_suite_bench(args.suite, args.one, args.jobs);
  if (!f.ok()) {
    fmt::print(stderr, "hiresim bench: {}\n", f.status().message());
    return false;
  }
  row(fmt::format("scenarios/s ({} files, {} runs)", f->scenarios, f->runs),
      fmt::format("{:.0f}/s", f->scenarios_per_s), "≥ 200/s", f->scenarios_per_s >= 200);
  row("one scenario, fresh process (median of 11)", fmt::format("{:.1f} ms", f->single_run_ms),
      "≤ 50 ms", f->single_run_ms <= 50);
  row("suite peak memory (max RSS)", fmt::format("{:.1f} MiB", f->suite_peak_mib), "≤ 50 MiB",
      f->suite_peak_mib <= 50);
  return true;
}

bool bench_core(const BenchArgs& args) {
  fmt::print("core ({} hires, SQLite WAL file, Lever's rate limit lifted):\n", args.hires);
  auto f = bench::run_core_bench(args.hires);
  if (!f.ok()) {
    fmt::print(stderr, "hiresim bench: {}\n", f.status().message());
    return false;
  }
  row(fmt::format("hires/s end to end ({} calls to the fakes each)", f->requests_per_hire),
      fmt::format("{:.0f}/s", f->hires_per_s), "≥ 2000/s", f->hires_per_s >= 2000);
  row("delivery acknowledgement p99", fmt::format("{:.2f} ms", f->ack_p99_ms), "≤ 5 ms",
      f->ack_p99_ms <= 5);
  fmt::print("  (ack p50 {:.2f} ms, max {:.2f} ms; {:.2f} s in all)\n", f->ack_p50_ms, f->ack_max_ms,
             f->seconds);
  return true;
}

bool bench_http(const BenchArgs& args) {
  fmt::print("fake Lever vs bare cpp-httplib (wrk, {} alternating 1 s rounds, medians):\n",
             args.wrk_seconds);
  auto f = bench::run_http_bench(args.wrk_seconds);
  if (!f.ok()) {
    fmt::print(stderr, "hiresim bench: {}\n", f.status().message());
    return false;
  }
  const double ratio = f->ratio;
  row("GET /v1/opportunities/:id, fake Lever", fmt::format("{:.0f}/s", f->fake_rps), "", true);
  row("the same bytes, bare cpp-httplib", fmt::format("{:.0f}/s", f->bare_rps), "", true);
  row("fake / bare", fmt::format("{:.0f}%", ratio * 100), "≥ 80%", ratio >= 0.8);
  return true;
}

}  // namespace

void add_bench_command(CLI::App& app, BenchArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("bench", "Measure the suite, the core and the fake Lever's speed");
  cmd->add_option("--suite", args.suite, "Scenario folder for the suite figures")->capture_default_str();
  cmd->add_option("--one", args.one, "Scenario file for the fresh-process figure")->capture_default_str();
  cmd->add_option("--jobs,-j", args.jobs, "Parallel scenarios for the suite figure")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--hires", args.hires, "Hires delivered in the core figure")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--wrk-seconds", args.wrk_seconds, "How long wrk loads each server")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->add_option("--only", args.only, "Measure one group: suite, core or http")
      ->check(CLI::IsMember({"suite", "core", "http"}));
  cmd->callback([&args, &exit_code] { exit_code = bench(args); });
}

int bench(const BenchArgs& args) {
  bool ok = true;
  if (args.only.empty() || args.only == "suite") ok = bench_suite(args) && ok;
  if (args.only.empty() || args.only == "core") ok = bench_core(args) && ok;
  if (args.only.empty() || args.only == "http") ok = bench_http(args) && ok;
  return ok ? kAllPassed : kInternalError;
}

}  // namespace sim::cli
