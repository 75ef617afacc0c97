// A fuzz seed still running after a limit is a hang — a deadlock or a
// livelock, which no invariant check would ever report. A thread cannot be
// cancelled, so the watchdog names the seed, writes its (unshrunk) scenario
// for `hiresim run` under `out_dir`, and ends the process with exit 3.
//
// Threads: begin() and end() from the worker threads, each with its own
// worker number; the watchdog checks them from its own thread once a second.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzzer.h"

namespace sim::fuzz {

class Watchdog {
 public:
  // `jobs`: the seeds run at once. `options`: how they run, written into a
  // hang's scenario and command.
  Watchdog(int jobs, std::chrono::seconds limit, std::string out_dir, FuzzOptions options);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void begin(int worker, uint64_t seed);
  void end(int worker);

 private:
  struct Slot {
    std::atomic<uint64_t> seed{0};  // seed + 1; 0 means idle
    std::atomic<int64_t> since_ms{0};
  };
  void watch();
  [[noreturn]] void hang(uint64_t seed);

  std::vector<Slot> slots_;
  const std::chrono::seconds limit_;
  const std::string out_dir_;
  const FuzzOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace sim::fuzz
