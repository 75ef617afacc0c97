#include "sync/person_locks.h"

#include <algorithm>
#include <utility>

namespace hiresync {

PersonLocks::Held::Held(Held&& other) noexcept
    : locks_(std::exchange(other.locks_, nullptr)), keys_(std::move(other.keys_)) {}

PersonLocks::Held& PersonLocks::Held::operator=(Held&& other) noexcept {
  if (this != &other) {
    release();
    locks_ = std::exchange(other.locks_, nullptr);
    keys_ = std::move(other.keys_);
  }
  return *this;
}

void PersonLocks::Held::release() {
  if (locks_) locks_->release(keys_);
  locks_ = nullptr;
  keys_.clear();
}

PersonLocks::Held PersonLocks::hold(std::set<std::string> keys) {
  std::unique_lock lock(mu_);
  freed_.wait(lock, [&] {
    return std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return held_.count(k); });
  });
  held_.insert(keys.begin(), keys.end());
  return Held(this, std::move(keys));
}

void PersonLocks::release(const std::set<std::string>& keys) {
  {
    std::lock_guard lock(mu_);
    for (const auto& k : keys) held_.erase(k);
  }
  freed_.notify_all();
}

}  // namespace hiresync
