// The retry schedule for transient failures (REL-2): exponential, capped,
// with seeded jitter so a scenario replays exactly.
#pragma once

#include <cstdint>

#include "ports/random.h"

namespace hiresync {

// A hire fails for good after this many transient failures.
inline constexpr int kMaxAttempts = 8;

// The delay before the next try after `attempt` failed attempts (1-based):
// base 1 s, 2 s, 4 s … capped at 64 s, plus jitter uniform in [0, base/4).
// REQUIRES: attempt >= 1.
int64_t next_backoff_ms(int attempt, Random& random);

}  // namespace hiresync
