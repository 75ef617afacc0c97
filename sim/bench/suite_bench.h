// The runner's speed as its users feel it: the suite's rate with parallel
// jobs, one scenario in a fresh process, and the suite's peak memory.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace sim::bench {

struct SuiteFigures {
  int scenarios = 0;  // files in the suite
  int runs = 0;       // scenario runs measured (the suite, repeated)
  int jobs = 0;
  double scenarios_per_s = 0;
  double cpu_ms_per_scenario = 0;  // the process's CPU, every thread, over the rate's runs
  double single_run_ms = 0;        // median wall of `hiresim run <one file>`, a fresh process
  std::string single_file;
  double suite_peak_mib = 0;  // max RSS of `hiresim run --jobs 2 <suite>`, a fresh process
  // Where one run of `single_file` spends its time: the process's own start
  // and exit (`hiresim --help`, a fresh process that does no work), the
  // first run's one-time costs (the fresh-process median less that and the
  // in-process mean: cold caches, first use of SQLite, OpenSSL and the
  // thread cache), then each phase of common/phase_clock.h, as a mean over
  // repeated in-process runs.
  double in_process_ms = 0;
  double bare_process_ms = 0;  // median wall of `hiresim --help`
  struct Part {
    std::string key;  // "process", "first_run", then phase_key()
    std::string what;
    double ms = 0;
  };
  std::vector<Part> breakdown;
  // The same phases for the whole suite, one pass on one thread: a mean
  // scenario, as the suite rate sees them (one file is not the suite).
  double suite_mean_ms = 0;
  std::vector<Part> suite_breakdown;
  // Loopback HTTP requests a mean scenario sends (browser, webhooks, the
  // core's calls): at a bare round trip's cost (bench/round_trip_bench.h),
  // the CPU a scenario's HTTP costs before any work behind it.
  double requests_per_scenario = 0;
};

// `suite`: a scenario folder; `one`: the file for the single-run figure.
hiresync::Result<SuiteFigures> run_suite_bench(const std::string& suite, const std::string& one,
                                               int jobs);

}  // namespace sim::bench
