// EventFeed: everything that happens in a serve session as one numbered list
// — each request the fakes answer, each webhook delivery, each injected
// fault, each line the core logs (its decisions), each email, each control
// step — built from the growth of the world's journals, and waited on by the
// server-sent event stream.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/sim_world.h"

namespace sim::serve {

class EventFeed {
 public:
  // Appends what `world` recorded since the last call. The caller keeps the
  // world alive and unchanged in shape (no reset) during the call.
  void collect(SimWorld& world);
  // A new world: its journals start from zero again. Records a "reset" event.
  void restart(const std::string& why, int64_t time_ms);
  // A control step and its result, as the session ran it.
  void add_step(const nlohmann::json& step, int64_t time_ms);

  // Events with seq > `after`, at most `limit`. Seqs start at 1.
  std::vector<nlohmann::json> since(int64_t after, size_t limit) const;
  // Waits until an event with seq > `after` exists, `timeout` passes or
  // close() is called; returns the last seq.
  int64_t wait_after(int64_t after, std::chrono::milliseconds timeout) const;
  int64_t last_seq() const;
  // Wakes every waiter for good: the server is stopping.
  void close();
  bool closed() const;

 private:
  void add(nlohmann::json event);  // REQUIRES: mu_ held

  mutable std::mutex mu_;
  mutable std::condition_variable grew_;
  std::vector<nlohmann::json> events_;
  bool closed_ = false;
  // How much of each journal of the current world is already in events_.
  size_t lever_seen_ = 0, deliveries_seen_ = 0, justworks_seen_ = 0, faults_seen_ = 0,
         log_seen_ = 0;
  std::map<std::string, size_t> emails_seen_;  // by company
};

}  // namespace sim::serve
