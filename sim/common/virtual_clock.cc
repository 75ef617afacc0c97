#include "common/virtual_clock.h"

#include <cassert>

namespace sim {

void VirtualClock::advance_to(int64_t t_ms) {
  assert(t_ms >= now_ms());
  now_ms_.store(t_ms, std::memory_order_relaxed);
}

}  // namespace sim
