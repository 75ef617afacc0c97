#include "bench/fuzz_bench.h"

#include <atomic>
#include <chrono>

#include <fmt/format.h>

#include "fuzz/fuzzer.h"

namespace sim::bench {

hiresync::Result<FuzzFigures> run_fuzz_bench(int jobs, int min_runs) {
  using Clock = std::chrono::steady_clock;
  constexpr double kMinSeconds = 2.0;
  const auto started = Clock::now();
  std::atomic<uint64_t> next{1};
  std::atomic<int> done{0};
  std::atomic<uint64_t> failed_seed{0};
  auto enough = [&] {
    return done >= min_runs &&
           std::chrono::duration<double>(Clock::now() - started).count() >= kMinSeconds;
  };
  fuzz::run_seeds(
      jobs, fuzz::FuzzOptions{},
      [&](int) -> std::optional<uint64_t> {
        if (enough() || failed_seed != 0) return std::nullopt;
        return next++;
      },
      [&](int, uint64_t seed, std::optional<fuzz::Failure> failure) {
        if (failure) failed_seed = seed;
        ++done;
      });
  if (failed_seed != 0)
    return hiresync::Status::Internal(
        fmt::format("bench: fuzz seed {} fails; run `hiresim fuzz --seed {} --runs 1` first",
                    failed_seed.load(), failed_seed.load()));
  FuzzFigures f;
  f.runs = done;
  f.jobs = jobs;
  f.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  f.runs_per_s = f.runs / f.seconds;
  return f;
}

}  // namespace sim::bench
