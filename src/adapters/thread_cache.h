// ThreadCache: runs each task on an idle cached thread and starts a new
// thread only when none is idle, so it never runs short and never queues.
//
// Why: a suite run starts and stops three servers per scenario. With a pool
// per server every scenario paid for creating and joining 27 threads,
// and a fixed pool smaller than the number of kept-alive clients starves
// connections silently (each open connection holds a thread). Shared and
// growing on demand, the threads are made once per process.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hiresync {

class ThreadCache {
 public:
  // How many idle threads a cache keeps: a burst (thousands of connections
  // held open at once) must not leave its threads behind for the process's
  // life, and a steady load must not start a thread per task.
  struct Reserve {
    size_t keep_idle = 64;  // idle threads kept however long they wait
    // An idle thread beyond `keep_idle` ends after waiting this long.
    std::chrono::milliseconds linger{1000};
  };

  // The process-wide cache the loopback servers share.
  static ThreadCache& shared();

  ThreadCache() = default;
  explicit ThreadCache(Reserve reserve) : reserve_(reserve) {}
  // Waits for running tasks to end, then joins every thread.
  ~ThreadCache();
  ThreadCache(const ThreadCache&) = delete;
  ThreadCache& operator=(const ThreadCache&) = delete;

  void run(std::function<void()> task);
  // Applies to threads from their next wait on. Threads running a task are
  // never touched.
  void set_reserve(Reserve reserve);
  size_t threads() const;
  // Threads waiting for a task. A thread that just ran one counts only once
  // it is back waiting, a moment after its task returned.
  size_t idle() const;

 private:
  void loop();
  // Joins the threads that retired (each is past its last lock by then).
  void join_retired();

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  size_t idle_ = 0;
  Reserve reserve_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::vector<std::thread> retired_;  // ended or ending, not yet joined
};

// A group of tasks on a cache that can be waited for together: a server's
// connections, which must all be done before the server is destroyed.
class TaskGroup {
 public:
  explicit TaskGroup(ThreadCache& cache) : cache_(cache) {}
  ~TaskGroup() { wait(); }
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  void run(std::function<void()> task);
  void wait();

 private:
  ThreadCache& cache_;
  std::mutex mu_;
  std::condition_variable done_;
  size_t running_ = 0;
};

}  // namespace hiresync
