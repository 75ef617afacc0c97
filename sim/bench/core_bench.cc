#include "bench/core_bench.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "bench/round_trip_bench.h"
#include "scenario/acme_candidates.h"
#include "scenario/sim_world.h"
#include "scenario/world_spec.h"
#include "sync/worker_pool.h"

namespace sim::bench {
namespace {

using hiresync::Result;
using hiresync::Status;
using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Acme, plus `n` candidates at the offer stage, each with a signed offer.
Result<WorldSpec> bench_world(int n) {
  std::vector<ExtraCandidate> extra;
  for (int i = 0; i < n; ++i) {
    extra.push_back({fmt::format("opp-bench-{}", i), fmt::format("Bench Candidate{}", i),
                     fmt::format("c-bench-{}", i), fmt::format("bench{}@example.com", i)});
  }
  return acme_with(extra);
}

double percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()));
  return sorted[i];
}

// A temporary folder for the database, removed afterwards.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "hiresim-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

Result<CoreFigures> run_core_bench(int hires, int workers) {
  auto spec = bench_world(hires);
  if (!spec.ok()) return spec.status();
  TempDir dir;
  if (dir.path.empty()) return Status::Unavailable("bench: cannot create a temporary folder");
  WorldOptions options;
  options.database_file = dir.path + "/core.sqlite";
  options.lever_knobs.rate_limit_burst = 0;  // measure the core, not Lever's 10 requests/s
  options.record_core_reads = false;         // nothing is explained here
  options.core_workers = workers;
  auto created = SimWorld::create(*spec, 1, options);
  if (!created.ok()) return created.status();
  SimWorld& world = **created;
  if (auto s = connect_acme(world); !s.ok()) return s;
  const std::string account = world.tenants().begin()->first;
  const std::string company = world.tenants().begin()->second.company_id;
  const size_t lever_before = world.lever().journal().entries().size();
  const size_t justworks_before = world.justworks().journal().entries().size();

  // The worker runs on its own threads, as in production, while Lever's
  // sender keeps the receiver busy.
  std::atomic<bool> sending{true};
  std::atomic<int> ran{0};
  const auto started = Clock::now();
  const double cpu_before = process_cpu_us();
  std::thread worker([&] {
    hiresync::WorkerPool::background_priority();  // as a production host would
    for (;;) {
      const bool last_round = !sending.load();
      const int n = world.core().core().run_due();
      ran += n;
      if (n == 0 && last_round) return;
      // Idle: poll again shortly, as a production worker would, rather than
      // spin on the store the receiver needs.
      if (n == 0) std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  });
  std::vector<double> acks;
  acks.reserve(hires);
  Status sender_status;
  for (int i = 0; i < hires; ++i) {
    if (auto s = world.lever().hire(account, fmt::format("opp-bench-{}", i), ""); !s.ok()) {
      sender_status = s;
      break;
    }
    const auto t0 = Clock::now();
    world.lever().deliver_due();
    acks.push_back(ms_between(t0, Clock::now()));
  }
  sending = false;
  worker.join();
  const double seconds = ms_between(started, Clock::now()) / 1000.0;
  const double cpu_us = process_cpu_us() - cpu_before;
  if (!sender_status.ok()) return sender_status;

  // Every hire must have arrived whole, or the figure means nothing.
  const size_t pending = world.justworks().pending_hires(company).size();
  const size_t emails = world.justworks().emails(company).size();
  if (pending != static_cast<size_t>(hires) || emails < static_cast<size_t>(hires))
    return Status::Internal(
        fmt::format("bench: {} hires gave {} pending hires and {} emails (worker ran {} jobs)",
                    hires, pending, emails, ran.load()));

  std::sort(acks.begin(), acks.end());
  CoreFigures f;
  f.hires = hires;
  f.workers = workers;
  f.seconds = seconds;
  f.hires_per_s = hires / seconds;
  f.ack_p50_ms = percentile(acks, 0.50);
  f.ack_p99_ms = percentile(acks, 0.99);
  f.ack_max_ms = acks.empty() ? 0 : acks.back();
  const size_t calls = world.lever().journal().entries().size() - lever_before +
                       world.justworks().journal().entries().size() - justworks_before;
  f.requests_per_hire = static_cast<int>(calls / static_cast<size_t>(hires));
  f.cpu_ms_per_hire = cpu_us / 1e3 / hires;
  return f;
}

}  // namespace sim::bench
