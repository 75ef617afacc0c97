#include "sync/backoff.h"

#include <algorithm>

namespace hiresync {

int64_t next_backoff_ms(int attempt, Random& random) {
  constexpr int64_t kBaseMs = 1000;
  constexpr int64_t kCapMs = 64000;
  const int shift = std::clamp(attempt - 1, 0, 20);
  const int64_t base = std::min(kBaseMs << shift, kCapMs);
  // Jitter spreads hires that failed together so they do not retry together.
  return base + static_cast<int64_t>(random.below(static_cast<uint64_t>(base / 4)));
}

}  // namespace hiresync
