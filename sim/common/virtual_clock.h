// VirtualClock: the one clock the core and both fakes read in a simulation.
// Only the scenario runner moves it; nothing ever sleeps.
#pragma once

#include <atomic>
#include <cstdint>

#include "ports/clock.h"

namespace sim {

class VirtualClock final : public hiresync::Clock {
 public:
  // 2026-11-02T14:00:00Z (a Monday): a fixed start so every run sees the same dates.
  static constexpr int64_t kStartMs = 1793628000000;

  explicit VirtualClock(int64_t start_ms = kStartMs) : now_ms_(start_ms) {}
  int64_t now_ms() const override { return now_ms_.load(std::memory_order_relaxed); }
  // REQUIRES: t_ms >= now_ms(); time never runs backwards.
  void advance_to(int64_t t_ms);
  void advance_by(int64_t delta_ms) { advance_to(now_ms() + delta_ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace sim
