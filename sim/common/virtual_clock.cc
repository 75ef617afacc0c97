#include "common/virtual_clock.h"

#include "common/check.h"

namespace sim {

void VirtualClock::advance_to(int64_t t_ms) {
  HIRESYNC_CHECK(t_ms >= now_ms(), "virtual time never runs backwards");
  now_ms_.store(t_ms, std::memory_order_relaxed);
}

}  // namespace sim
