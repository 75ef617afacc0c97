#include "bench/suite_bench.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "bench/round_trip_bench.h"
#include "common/phase_clock.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "scenario/timed_http_client.h"

extern char** environ;

namespace sim::bench {
namespace {

using hiresync::Result;
using hiresync::Status;
using Clock = std::chrono::steady_clock;

// The suite is repeated until both hold, so a small suite still gives a
// figure that is not mostly start-up noise.
constexpr int kMinRuns = 400;
constexpr double kMinSeconds = 2.0;
constexpr int kSingleRuns = 11;
constexpr int kBreakdownRuns = 50;

struct ChildRun {
  double wall_ms = 0;
  long max_rss_kb = 0;
  int exit_code = 0;
};

// Runs this very binary with `args`, output discarded, and measures it.
Result<ChildRun> run_self(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string self = "/proc/self/exe";
  argv.push_back(self.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const auto started = Clock::now();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Status::Unavailable("bench: cannot start hiresim again");
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid)
    return Status::Internal("bench: lost the child process");
  ChildRun r;
  r.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

bool all_passed(const std::vector<ScenarioResult>& results) {
  return std::all_of(results.begin(), results.end(), [](const ScenarioResult& r) {
    return r.outcome == ScenarioResult::Outcome::kPassed;
  });
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Each phase's time in `totals`, as a mean over `runs` runs.
void add_phases(const PhaseTotals& totals, int runs, std::vector<SuiteFigures::Part>& out) {
  for (size_t p = 0; p < totals.ns.size(); ++p) {
    const auto phase = static_cast<Phase>(p);
    out.push_back({std::string(phase_key(phase)), std::string(phase_name(phase)),
                   static_cast<double>(totals.ns[p]) / 1e6 / runs});
  }
}

}  // namespace

Result<SuiteFigures> run_suite_bench(const std::string& suite, const std::string& one, int jobs) {
  auto files = find_scenario_files(suite);
  if (!files.ok()) return files.status();
  if (files->empty()) return Status::InvalidArgument("bench: no scenario under " + suite);
  SuiteFigures f;
  f.scenarios = static_cast<int>(files->size());
  f.jobs = jobs;

  // First, while this process is small: a child started by posix_spawn
  // (vfork, then exec) is charged this process's own peak as its max RSS at
  // the exec, so measured after the runs below, the suite's peak read as
  // this process's 53 MiB where the suite alone peaks near 30.
  auto whole = run_self({"run", "--jobs", std::to_string(jobs), suite});
  if (!whole.ok()) return whole.status();
  f.suite_peak_mib = whole->max_rss_kb / 1024.0;

  // In process, as `hiresim run --jobs N` schedules them.
  RunOptions options;
  options.jobs = jobs;
  options.keep_transcripts = false;  // as `hiresim run` without --json or --html
  const auto started = Clock::now();
  const double cpu_before = process_cpu_us();
  double seconds = 0;
  while (f.runs < kMinRuns || seconds < kMinSeconds) {
    auto results = run_scenarios(*files, options, [](const ScenarioResult&) {});
    if (!all_passed(results))
      return Status::Internal("bench: the suite does not pass; run `hiresim run " + suite +
                              "` first");
    f.runs += static_cast<int>(results.size());
    seconds = std::chrono::duration<double>(Clock::now() - started).count();
  }
  f.scenarios_per_s = f.runs / seconds;
  f.cpu_ms_per_scenario = (process_cpu_us() - cpu_before) / 1e3 / f.runs;

  // A fresh process running the file, and one doing no work at all, in
  // turn, so the machine's drift weighs on both alike.
  std::vector<double> walls, bare_walls;
  for (int i = 0; i < kSingleRuns; ++i) {
    auto r = run_self({"run", one});
    if (!r.ok()) return r.status();
    if (r->exit_code != 0)
      return Status::Internal(fmt::format("bench: `hiresim run {}` failed", one));
    walls.push_back(r->wall_ms);
    auto bare = run_self({"--help"});
    if (!bare.ok()) return bare.status();
    bare_walls.push_back(bare->wall_ms);
  }
  f.single_run_ms = median(walls);
  f.bare_process_ms = median(bare_walls);
  f.single_file = one;

  // The same file in this process, on this thread, its time split by phase.
  PhaseTotals totals;
  {
    PhaseClock clock(totals);
    RunOptions quiet;
    quiet.keep_transcripts = false;
    for (int i = 0; i < kBreakdownRuns; ++i) {
      if (run_scenario_file(one, quiet).outcome != ScenarioResult::Outcome::kPassed)
        return Status::Internal(fmt::format("bench: `hiresim run {}` failed", one));
    }
  }
  f.in_process_ms = static_cast<double>(totals.total_ns()) / 1e6 / kBreakdownRuns;
  f.breakdown.push_back({"process", "process start and exit (`hiresim --help`)",
                         std::min(f.bare_process_ms, f.single_run_ms)});
  f.breakdown.push_back({"first_run", "a fresh process's first run: one-time set-up",
                         std::max(0.0, f.single_run_ms - f.bare_process_ms - f.in_process_ms)});
  add_phases(totals, kBreakdownRuns, f.breakdown);

  // The whole suite once, on this thread: where a mean scenario's time goes.
  PhaseTotals suite_totals;
  const int64_t sent_before = TimedHttpClient::sent();
  {
    PhaseClock clock(suite_totals);
    RunOptions one_job;
    one_job.keep_transcripts = false;
    if (!all_passed(run_scenarios(*files, one_job, [](const ScenarioResult&) {})))
      return Status::Internal("bench: the suite does not pass");
  }
  f.suite_mean_ms = static_cast<double>(suite_totals.total_ns()) / 1e6 / f.scenarios;
  add_phases(suite_totals, f.scenarios, f.suite_breakdown);
  f.requests_per_scenario =
      static_cast<double>(TimedHttpClient::sent() - sent_before) / f.scenarios;

  return f;
}

}  // namespace sim::bench
