// The fuzzer's rate: seeded histories generated, run and checked against the
// exactly-once invariants per second, as `hiresim fuzz --jobs N` runs them.
#pragma once

#include "common/status.h"

namespace sim::bench {

struct FuzzFigures {
  int runs = 0;
  int jobs = 0;
  double seconds = 0;
  double runs_per_s = 0;
};

// Seeds 1, 2, … until at least `min_runs` ran and two seconds passed. Fails
// if a seed fails: a rate of failing runs measures nothing.
hiresync::Result<FuzzFigures> run_fuzz_bench(int jobs, int min_runs);

}  // namespace sim::bench
