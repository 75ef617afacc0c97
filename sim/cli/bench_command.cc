#include "cli/bench_command.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/core_bench.h"
#include "bench/fuzz_bench.h"
#include "bench/http_bench.h"
#include "bench/round_trip_bench.h"
#include "bench/suite_bench.h"
#include "cli/run_command.h"

namespace sim::cli {
namespace {

using nlohmann::json;

// The goals of the speed issue (#20) on a 2-core machine; each figure is
// printed beside its goal. A figure without a goal is context.
enum class Better { kHigher, kLower, kNone };

struct Figure {
  std::string group;  // suite, fuzz, core, http
  std::string key;    // stable name for --json
  std::string what;   // the line's words
  double value = 0;
  std::string unit;  // "/s", "ms", "MiB", "%"
  Better better = Better::kNone;
  double goal = 0;
  bool met() const {
    return better == Better::kNone || (better == Better::kHigher ? value >= goal : value <= goal);
  }
};

std::string with_unit(double v, const std::string& unit) {
  if (unit == "/s") return fmt::format("{:.0f}/s", v);
  if (unit == "%") return fmt::format("{:.0f}%", v);
  if (unit == "ms") return fmt::format("{:.2f} ms", v);
  if (unit == "µs") return fmt::format("{:.0f} µs", v);
  if (unit == "requests") return fmt::format("{:.1f}", v);
  return fmt::format("{:.1f} {}", v, unit);
}

// Prints each figure as it is measured (a bench takes a minute; the reader
// sees progress), or only collects them for --json.
class Table {
 public:
  explicit Table(bool as_json) : as_json_(as_json) {}

  void heading(const std::string& text) {
    if (!as_json_) fmt::print("{}\n", text);
    std::fflush(stdout);
  }
  void note(const std::string& text) {
    if (!as_json_) fmt::print("  ({})\n", text);
  }
  void add(Figure f) {
    if (!as_json_) {
      const std::string goal =
          f.better == Better::kNone
              ? ""
              : (f.better == Better::kHigher ? "≥ " : "≤ ") + with_unit(f.goal, f.unit);
      fmt::print("  {:<46} {:>12}   {:<12} {}\n", f.what, with_unit(f.value, f.unit), goal,
                 f.better == Better::kNone ? "" : (f.met() ? "met" : "MISSED"));
      std::fflush(stdout);
    }
    figures_.push_back(std::move(f));
  }
  void error(const std::string& group, const std::string& message) {
    fmt::print(stderr, "hiresim bench: {}\n", message);
    errors_.push_back({{"group", group}, {"error", message}});
  }
  json to_json() const {
    json out = {{"figures", json::array()}, {"errors", errors_}};
    for (const auto& f : figures_) {
      json row = {{"group", f.group},
                  {"key", f.key},
                  {"what", f.what},
                  {"value", f.value},
                  {"unit", f.unit}};
      if (f.better != Better::kNone) {
        row["goal"] = f.goal;
        row["goal_is"] = f.better == Better::kHigher ? "at least" : "at most";
        row["met"] = f.met();
      }
      out["figures"].push_back(std::move(row));
    }
    return out;
  }

 private:
  bool as_json_;
  std::vector<Figure> figures_;
  json errors_ = json::array();
};

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// The most a figure can reach on this machine's cores when each unit of work
// costs `ms` of CPU.
double ceiling_per_s(double ms) { return ms > 0 ? cores() * 1e3 / ms : 0; }

// The bare round trip under both floors, timed once per process: a full
// run prints the suite's and the core's floors from the same figure.
const hiresync::Result<bench::RoundTripFigures>& bare_round_trip() {
  static const hiresync::Result<bench::RoundTripFigures> measured = bench::run_round_trip_bench();
  return measured;
}

// A hire's CPU beside its round trips at their bare cost: what the spec's
// loopback HTTP alone leaves of the core figure's goal on this machine.
bool core_floor(const bench::CoreFigures& f, Table& t) {
  const auto& round_trip = bare_round_trip();
  if (!round_trip.ok()) {
    t.error("core", round_trip.status().message());
    return false;
  }
  t.heading("the floor: a hire's round trips at their bare cost:");
  t.add({"core_floor", "cpu_ms_per_hire", "CPU per hire, every thread (core, fakes, sender)",
         f.cpu_ms_per_hire, "ms"});
  const int trips = f.requests_per_hire + 1;  // the worker's calls and Lever's delivery
  const double http_ms = trips * round_trip->cpu_us / 1e3;
  t.add({"core_floor", "http_cpu_ms_per_hire",
         fmt::format("its {} round trips at {:.0f} µs of CPU each", trips, round_trip->cpu_us),
         http_ms, "ms"});
  t.add({"core_floor", "http_ceiling_per_s",
         fmt::format("hires/s ceiling from HTTP alone ({} cores)", cores()), ceiling_per_s(http_ms),
         "/s"});
  return true;
}

// What the spec's real loopback HTTP costs by itself: the floor under the
// suite's and fuzz's rates on this machine.
bool suite_floor(const bench::SuiteFigures& f, int jobs, Table& t) {
  const auto& round_trip = bare_round_trip();
  if (!round_trip.ok()) {
    t.error("suite", round_trip.status().message());
    return false;
  }
  t.heading("the floor: the mean scenario's HTTP round trips at their bare cost:");
  t.add({"floor", "cpu_ms_per_scenario",
         fmt::format("CPU per scenario, every thread (--jobs {})", jobs), f.cpu_ms_per_scenario,
         "ms"});
  t.add({"floor", "requests_per_scenario", "loopback requests per scenario (suite mean)",
         f.requests_per_scenario, "requests"});
  t.add({"floor", "bare_round_trip_wall_us", "one round trip, bare cpp-httplib, sequential: wall",
         round_trip->wall_us, "µs"});
  t.add({"floor", "bare_round_trip_cpu_us", "one round trip, bare cpp-httplib: CPU",
         round_trip->cpu_us, "µs"});
  const double http_ms = f.requests_per_scenario * round_trip->cpu_us / 1e3;
  t.add({"floor", "http_cpu_ms_per_scenario", "those round trips' CPU alone, per scenario", http_ms,
         "ms"});
  t.add({"floor", "http_ceiling_per_s",
         fmt::format("the suite's ceiling from HTTP alone ({} cores)", cores()),
         ceiling_per_s(http_ms), "/s"});
  return true;
}

bool bench_suite(const BenchArgs& args, Table& t) {
  t.heading(fmt::format("suite ({} with --jobs {}):", args.suite, args.jobs));
  auto f = bench::run_suite_bench(args.suite, args.one, args.jobs);
  if (!f.ok()) {
    t.error("suite", f.status().message());
    return false;
  }
  t.add({"suite", "scenarios_per_s",
         fmt::format("scenarios/s ({} files, {} runs)", f->scenarios, f->runs), f->scenarios_per_s,
         "/s", Better::kHigher, 500});
  t.add({"suite", "fresh_run_ms", "one scenario, fresh process (median of 11)", f->single_run_ms,
         "ms", Better::kLower, 20});
  t.add({"suite", "peak_mib", "suite peak memory (max RSS)", f->suite_peak_mib, "MiB",
         Better::kLower, 50});
  t.heading(fmt::format("one scenario's time, where it goes ({}; {:.2f} ms in process):",
                        f->single_file, f->in_process_ms));
  for (const auto& part : f->breakdown) t.add({"breakdown", part.key, part.what, part.ms, "ms"});
  t.heading(fmt::format("the suite's mean scenario, where it goes (one pass, --jobs 1; {:.2f} ms):",
                        f->suite_mean_ms));
  for (const auto& part : f->suite_breakdown)
    t.add({"suite_breakdown", part.key, part.what, part.ms, "ms"});
  return suite_floor(*f, args.jobs, t);
}

bool bench_fuzz(const BenchArgs& args, Table& t) {
  t.heading(fmt::format("fuzz (seeded histories with faults, --jobs {}):", args.jobs));
  auto f = bench::run_fuzz_bench(args.jobs, 200);
  if (!f.ok()) {
    t.error("fuzz", f.status().message());
    return false;
  }
  t.add({"fuzz", "runs_per_s", fmt::format("runs/s ({} seeds)", f->runs), f->runs_per_s, "/s",
         Better::kHigher, 300});
  return true;
}

bool bench_core(const BenchArgs& args, Table& t) {
  t.heading(
      fmt::format("core ({} hires, SQLite WAL file, Lever's rate limit lifted):", args.hires));
  auto f = bench::run_core_bench(args.hires, args.workers);
  if (!f.ok()) {
    t.error("core", f.status().message());
    return false;
  }
  t.add({"core", "hires_per_s",
         fmt::format("hires/s end to end, {} workers ({} calls to the fakes each)", f->workers,
                     f->requests_per_hire),
         f->hires_per_s, "/s", Better::kHigher, 2000});
  t.add({"core", "ack_p99_ms", "delivery acknowledgement p99", f->ack_p99_ms, "ms", Better::kLower,
         5});
  t.add({"core", "ack_p50_ms", "delivery acknowledgement p50", f->ack_p50_ms, "ms"});
  t.note(fmt::format("ack max {:.2f} ms; {:.2f} s in all", f->ack_max_ms, f->seconds));
  if (args.workers == 1) return core_floor(*f, t);
  // The same load on one worker: what the concurrency buys.
  auto one = bench::run_core_bench(args.hires, 1);
  if (!one.ok()) {
    t.error("core", one.status().message());
    return false;
  }
  t.add({"core", "hires_per_s_one_worker", "hires/s end to end, 1 worker", one->hires_per_s, "/s"});
  return core_floor(*f, t);
}

bool bench_http(const BenchArgs& args, Table& t) {
  t.heading(fmt::format("fake Lever vs bare cpp-httplib (wrk, {} alternating 1 s rounds, medians):",
                        args.wrk_seconds));
  auto f = bench::run_http_bench(args.wrk_seconds);
  if (!f.ok()) {
    t.error("http", f.status().message());
    return false;
  }
  t.add({"http", "fake_rps", "GET /v1/opportunities/:id, fake Lever", f->fake_rps, "/s"});
  t.add({"http", "bare_rps", "the same bytes, bare cpp-httplib", f->bare_rps, "/s"});
  t.add({"http", "fake_vs_bare_pct", "fake / bare", f->ratio * 100, "%", Better::kHigher, 90});
  return true;
}

}  // namespace

void add_bench_command(CLI::App& app, BenchArgs& args, int& exit_code) {
  CLI::App* cmd =
      app.add_subcommand("bench", "Measure the suite, fuzz, the core and the fake Lever's speed");
  cmd->add_option("--suite", args.suite, "Scenario folder for the suite figures")
      ->capture_default_str();
  cmd->add_option("--one", args.one, "Scenario file for the fresh-process figure")
      ->capture_default_str();
  cmd->add_option("--jobs,-j", args.jobs, "Parallel scenarios (and fuzz runs) for the rate figures")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--hires", args.hires, "Hires delivered in the core figure")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--workers", args.workers, "The core's worker threads in the core figure")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--wrk-seconds", args.wrk_seconds, "How long wrk loads each server")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->add_option("--only", args.only, "Measure one group: suite, fuzz, core or http")
      ->check(CLI::IsMember({"suite", "fuzz", "core", "http"}));
  cmd->add_flag("--json", args.json, "Print the figures, goals and verdicts as JSON, for machines");
  cmd->callback([&args, &exit_code] { exit_code = bench(args); });
}

int bench(const BenchArgs& args) {
  Table table(args.json);
  bool ok = true;
  const std::vector<std::pair<std::string, std::function<bool(const BenchArgs&, Table&)>>> groups =
      {{"suite", bench_suite}, {"fuzz", bench_fuzz}, {"core", bench_core}, {"http", bench_http}};
  for (const auto& [name, measure] : groups) {
    if (args.only.empty() || args.only == name) ok = measure(args, table) && ok;
  }
  if (args.json) fmt::print("{}\n", table.to_json().dump(2));
  return ok ? kAllPassed : kInternalError;
}

}  // namespace sim::cli
