// Durations as people write them in scenarios: "90s", "90m", "2h", "3d",
// "1h30m", "250ms".
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace sim {

// About a century: far beyond any scenario, and a sum that cannot overflow.
inline constexpr int64_t kMaxDurationMs = 36'500LL * 86'400'000;

hiresync::Result<int64_t> parse_duration_ms(const std::string& text);

}  // namespace sim
