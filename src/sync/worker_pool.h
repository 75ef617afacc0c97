// WorkerPool: the threads of a concurrent worker (issue 20). run() runs one
// body on every worker at once — the caller's thread is worker 0, the pool's
// own threads the rest — and returns when all of them have returned. The
// threads are made once, with the core: a round that finds nothing to do
// costs two wake-ups per thread, not a thread start.
//
// The pool's threads run at a lower CPU priority (nice +10, Linux: per
// thread) than the threads that answer requests. With the CPU saturated,
// workers at the same priority pushed the webhook acknowledgement's p99 from
// about 1 ms to 9-11 ms (hiresim bench, 2 cores): Lever waits on the ack, a
// hire waits in the queue. A host should run the thread that calls run()
// the same way (background_priority()).
//
// Threads: run() from one thread at a time.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hiresync {

class WorkerPool {
 public:
  // `workers` ≥ 1; with 1 no thread is made and run() is a plain call.
  explicit WorkerPool(int workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return workers_; }
  // Lowers the calling thread's CPU priority to the workers' (nice +10).
  static void background_priority();
  // Runs `body(worker)` for worker 0..size()-1, each on its own thread.
  void run(const std::function<void(int worker)>& body);

 private:
  void loop(int worker);

  const int workers_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* body_ = nullptr;
  uint64_t round_ = 0;  // bumped by run(): a thread runs each round once
  int running_ = 0;     // pool threads still in the current round
  bool stopping_ = false;
  std::exception_ptr failed_;  // the first a pool thread threw this round
  std::vector<std::thread> threads_;
};

}  // namespace hiresync
