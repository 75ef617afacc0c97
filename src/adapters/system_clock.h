// SystemClock: the Clock port over the wall clock, for `hiresim serve`.
#pragma once

#include <chrono>

#include "ports/clock.h"

namespace hiresync {

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace hiresync
