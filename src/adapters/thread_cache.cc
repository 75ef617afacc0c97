#include "adapters/thread_cache.h"

#include <algorithm>

namespace hiresync {

ThreadCache& ThreadCache::shared() {
  // Never destroyed: exit must not wait for a thread a server still holds.
  static ThreadCache* cache = new ThreadCache();
  return *cache;
}

ThreadCache::~ThreadCache() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  join_retired();
}

void ThreadCache::run(std::function<void()> task) {
  join_retired();
  std::lock_guard lock(mu_);
  tasks_.push_back(std::move(task));
  // Each queued task claims one idle thread; start a thread when none is left.
  if (tasks_.size() > idle_) {
    threads_.emplace_back([this] { loop(); });
  } else {
    wake_.notify_one();
  }
}

void ThreadCache::set_reserve(Reserve reserve) {
  std::lock_guard lock(mu_);
  reserve_ = reserve;
}

void ThreadCache::join_retired() {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(mu_);
    done.swap(retired_);
  }
  for (auto& t : done) t.join();
}

size_t ThreadCache::threads() const {
  std::lock_guard lock(mu_);
  return threads_.size();
}

size_t ThreadCache::idle() const {
  std::lock_guard lock(mu_);
  return idle_;
}

void ThreadCache::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (tasks_.empty()) {
      if (stopping_) return;
      ++idle_;
      const bool woken =
          wake_.wait_for(lock, reserve_.linger, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      // Waited out its linger with enough others idle: this thread ends. The
      // decision is taken under the lock run() counts idle threads under, so
      // a task is never left to a thread that is leaving.
      if (!woken && idle_ >= reserve_.keep_idle) {
        const auto self = std::find_if(threads_.begin(), threads_.end(), [](const std::thread& t) {
          return t.get_id() == std::this_thread::get_id();
        });
        retired_.push_back(std::move(*self));
        threads_.erase(self);
        return;
      }
      continue;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

void TaskGroup::run(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    ++running_;
  }
  cache_.run([this, task = std::move(task)] {
    task();
    std::lock_guard lock(mu_);
    if (--running_ == 0) done_.notify_all();
  });
}

void TaskGroup::wait() {
  std::unique_lock lock(mu_);
  done_.wait(lock, [this] { return running_ == 0; });
}

}  // namespace hiresync
