// Random: the core's only source of randomness (OAuth state, ids, jitter).
// The simulator seeds it so a scenario replays byte for byte.
#pragma once

#include <cstdint>
#include <string>

namespace hiresync {

class Random {
 public:
  virtual ~Random() = default;
  virtual uint64_t next_u64() = 0;

  // A string of `length` characters drawn from [A-Za-z0-9].
  std::string token(size_t length);
  // Uniform in [0, bound). REQUIRES: bound > 0.
  uint64_t below(uint64_t bound);
};

// SplitMix64: small, fast, and fully determined by its seed. Not for secrets
// in production, where the adapter seeds from the OS instead.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t next_u64() override;

 private:
  uint64_t state_;
};

}  // namespace hiresync
