// Ticker: calls a function every period on a thread of its own until it is
// destroyed — the real clock of `hiresim serve --clock real`, and the look
// at the journals that catches what a developer's own client did.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sim::serve {

class Ticker {
 public:
  Ticker(std::chrono::milliseconds period, std::function<void()> tick);
  ~Ticker();  // stops and joins; a tick under way finishes first
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

// Wall time elapsed between calls, for the real clock: the first call
// answers 0, each next one the milliseconds since the last.
class WallElapsed {
 public:
  int64_t take();

 private:
  bool started_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace sim::serve
