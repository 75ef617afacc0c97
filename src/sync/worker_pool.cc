#include "sync/worker_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <utility>

namespace hiresync {

WorkerPool::WorkerPool(int workers) : workers_(workers < 1 ? 1 : workers) {
  for (int w = 1; w < workers_; ++w) threads_.emplace_back([this, w] { loop(w); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run(const std::function<void(int)>& body) {
  if (threads_.empty()) return body(0);
  {
    std::lock_guard lock(mu_);
    body_ = &body;
    running_ = static_cast<int>(threads_.size());
    ++round_;
  }
  wake_.notify_all();
  std::exception_ptr failed;
  try {
    body(0);
  } catch (...) {
    failed = std::current_exception();
  }
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return running_ == 0; });
  body_ = nullptr;
  if (!failed) failed = std::exchange(failed_, nullptr);
  failed_ = nullptr;
  // What a worker threw reaches the caller, as it would with one worker.
  if (failed) std::rethrow_exception(failed);
}

void WorkerPool::background_priority() {
  // Best effort: a refusal (a sandbox, a container without the capability to
  // change it) leaves the thread as it was.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
}

void WorkerPool::loop(int worker) {
  background_priority();
  uint64_t seen = 0;
  for (;;) {
    const std::function<void(int)>* body = nullptr;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
      if (stopping_) return;
      seen = round_;
      body = body_;
    }
    std::exception_ptr failed;
    try {
      (*body)(worker);
    } catch (...) {
      failed = std::current_exception();
    }
    std::lock_guard lock(mu_);
    if (failed && !failed_) failed_ = failed;
    if (--running_ == 0) done_.notify_one();
  }
}

}  // namespace hiresync
