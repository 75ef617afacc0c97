#include "serve/ticker.h"

namespace sim::serve {

Ticker::Ticker(std::chrono::milliseconds period, std::function<void()> tick) {
  thread_ = std::thread([this, period, tick = std::move(tick)] {
    std::unique_lock lock(mu_);
    while (!stop_cv_.wait_for(lock, period, [this] { return stopping_; })) {
      lock.unlock();
      tick();
      lock.lock();
    }
  });
}

Ticker::~Ticker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

int64_t WallElapsed::take() {
  const auto now = std::chrono::steady_clock::now();
  if (!started_) {
    started_ = true;
    last_ = now;
    return 0;
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count();
  // Whole milliseconds only; the remainder waits for the next tick.
  last_ += std::chrono::milliseconds(ms);
  return ms;
}

}  // namespace sim::serve
