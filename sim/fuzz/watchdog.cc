#include "fuzz/watchdog.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "fuzz/fuzzer.h"

namespace sim::fuzz {
namespace {

// hiresim's exit status for an internal error (cli/run_command.h's kInternalError).
constexpr int kInternalError = 3;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Watchdog::Watchdog(int jobs, std::chrono::seconds limit, std::string out_dir, FuzzOptions options)
    : slots_(static_cast<size_t>(jobs)),
      limit_(limit),
      out_dir_(std::move(out_dir)),
      options_(std::move(options)) {
  thread_ = std::thread([this] { watch(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Watchdog::begin(int worker, uint64_t seed) {
  Slot& slot = slots_[static_cast<size_t>(worker)];
  slot.since_ms = now_ms();
  slot.seed = seed + 1;
}

void Watchdog::end(int worker) { slots_[static_cast<size_t>(worker)].seed = 0; }

void Watchdog::watch() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) {
    for (const Slot& slot : slots_) {
      const uint64_t seed = slot.seed.load();
      if (seed == 0 || now_ms() - slot.since_ms.load() < limit_.count() * 1000) continue;
      hang(seed - 1);
    }
  }
}

void Watchdog::hang(uint64_t seed) {
  Failure f;
  f.seed = seed;
  f.workers = options_.workers;
  f.shrunk = generate_history(seed);
  f.events_before = f.shrunk.size();
  f.scenario = scenario_document(seed, f.shrunk, options_.lever_settings);
  std::error_code ec;
  std::filesystem::create_directories(out_dir_, ec);
  const auto path = std::filesystem::path(out_dir_) / fmt::format("fuzz-hang-seed-{}.json", seed);
  std::ofstream(path) << repro_text(f);
  fmt::print(
      "HANG  seed {}: still running after {} s (a deadlock or livelock); its scenario, "
      "not shrunk: hiresim run{} {}\n",
      seed, limit_.count(),
      options_.workers > 1 ? fmt::format(" --workers {}", options_.workers) : "", path.string());
  std::fflush(stdout);
  std::_Exit(kInternalError);
}

}  // namespace sim::fuzz
