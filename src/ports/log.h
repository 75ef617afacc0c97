// Log: where the core writes operational lines. Lines must never contain a
// secret (TOKEN-2); the simulator collects them to check that.
#pragma once

#include <string_view>

namespace hiresync {

class Log {
 public:
  virtual ~Log() = default;
  virtual void write(std::string_view line) = 0;
};

}  // namespace hiresync
