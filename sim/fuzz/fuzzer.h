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
// `lever_settings`: Lever switches for the run (`hiresim fuzz --set`).
Verdict run_history(uint64_t seed, const History& history,
                    const nlohmann::json& lever_settings = nlohmann::json::object());

struct Failure {
  uint64_t seed = 0;
  Verdict verdict;
  size_t events_before = 0;
  History shrunk;
  nlohmann::json scenario;  // the shrunk, reproducing scenario document
};

// Runs seed's history; a failure comes back shrunk.
std::optional<Failure> fuzz_one(uint64_t seed,
                                const nlohmann::json& lever_settings = nlohmann::json::object());

// Runs fuzz_one (with `lever_settings`) on `jobs` threads, the caller's among
// them. Each thread asks `next(worker)` for its next seed (nullopt: none
// left) and hands what came of it to `done(worker, seed, failure)`. Both are
// called on the worker threads.
void run_seeds(
    int jobs, const nlohmann::json& lever_settings,
    const std::function<std::optional<uint64_t>(int worker)>& next,
    const std::function<void(int worker, uint64_t seed, std::optional<Failure> failure)>& done);

// The scenario as a file a person reads: a comment saying where it came
// from (and what broke, unless the verdict is kPassed), one step per line.
std::string repro_text(const Failure& failure);

}  // namespace sim::fuzz
