// Clock: the core's only source of time. The simulator injects a virtual
// clock; production uses the system clock adapter.
#pragma once

#include <cstdint>

namespace hiresync {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. Thread-safe.
  virtual int64_t now_ms() const = 0;
};

}  // namespace hiresync
