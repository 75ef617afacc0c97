// The fuzz loop: a seed → a history → a scenario run by the ordinary runner,
// ending in expect.invariants. On a failure it shrinks the history to the
// fewest events that still fail the same way and writes the scenario.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/history.h"
#include "scenario/runner.h"

namespace sim::fuzz {

// How one history ran: passed, failed the invariants (`where` names the
// broken invariant's JSON path), or failed some other way (an action the
// generator should never have produced; a bug in the fuzzer).
struct Verdict {
  enum class Kind { kPassed, kBroken, kOther } kind = Kind::kPassed;
  std::string where;
  std::string report;
};
// How every history of a fuzz run is run.
struct FuzzOptions {
  // Lever switches for the run (`hiresim fuzz --set`).
  nlohmann::json lever_settings = nlohmann::json::object();
  // The core's worker threads (`hiresim fuzz --workers`): above 1 the
  // exactly-once invariants hold under real concurrency, and a history may
  // fail on one run and pass on the next.
  int workers = 1;
};

Verdict run_history(uint64_t seed, const History& history, const FuzzOptions& options = {});

// With workers > 1, a failing seed is run again: is it the history or the
// interleaving? How often it fails again, and whether one worker fails too.
struct Confirmation {
  int reruns = 0;
  int failed_again = 0;
  bool fails_with_one_worker = false;
};

struct Failure {
  uint64_t seed = 0;
  int workers = 1;
  std::optional<Confirmation> confirmation;  // when workers > 1
  Verdict verdict;
  size_t events_before = 0;
  History shrunk;
  nlohmann::json scenario;  // the shrunk, reproducing scenario document
};

// Runs seed's history; a failure comes back shrunk (and confirmed).
std::optional<Failure> fuzz_one(uint64_t seed, const FuzzOptions& options = {});

// Runs fuzz_one (with `options`) on `jobs` threads, the caller's among
// them. Each thread asks `next(worker)` for its next seed (nullopt: none
// left) and hands what came of it to `done(worker, seed, failure)`. Both are
// called on the worker threads.
void run_seeds(
    int jobs, const FuzzOptions& options,
    const std::function<std::optional<uint64_t>(int worker)>& next,
    const std::function<void(int worker, uint64_t seed, std::optional<Failure> failure)>& done);

// "with 4 workers it failed again in 2 of 3 runs; with 1 worker it passes",
// or "" when the failure was found with one worker.
std::string confirmation_text(const Failure& failure);

// The scenario as a file a person reads: a comment saying where it came
// from (and what broke, unless the verdict is kPassed), one step per line.
std::string repro_text(const Failure& failure);

}  // namespace sim::fuzz
