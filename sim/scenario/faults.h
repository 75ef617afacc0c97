// Faults a scenario injects (SPEC §6 "Faults"): answers the core gets from
// Lever or Justworks instead of the real ones, and points where the core's
// process dies. Webhook delivery faults live in the fake Lever, which owns
// the delivery queue (FakeLever::add_delivery_fault).
//
// Every fault that fires is written to a fault journal, so reports and
// transcripts show the requests that never reached a fake (or whose answer
// never reached the core).
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/journal.h"
#include "fake_lever/switches.h"
#include "ports/clock.h"
#include "ports/http_client.h"

namespace sim {

// What the core sees instead of the real answer.
enum class HttpFaultKind {
  kStatus,   // an error status; the request never reaches the fake
  kTimeout,  // no answer in time; the request never reaches the fake
  kDrop,     // the fake does the work, then the answer is lost
  kReset,    // the connection is reset before the request arrives
};

struct HttpFault {
  std::string target;  // "lever" | "justworks"
  std::string match;   // "GET /v1/opportunities/*": method (or '*') and path glob
  HttpFaultKind kind = HttpFaultKind::kStatus;
  int status = 503;       // for kStatus
  int retry_after_s = 1;  // the wait a 429 asks for
  int times = 1;          // how many matching requests it hits
  int after = 0;          // matching requests let through first
  // How a Lever 429 says it (the account's rate_limit_headers switch):
  // Retry-After, X-RateLimit-Reset (now + the wait, epoch seconds) or none.
  lever::RateLimitHeaders rate_limit_headers = lever::RateLimitHeaders::kRetryAfter;
};

// A point in the core's pipeline where its process dies (REL-4).
struct CrashFault {
  std::string point;  // after_ack | after_fetch | after_create | before_email
  int times = 1;
  int after = 0;
};

// Store operations that fail (REL-7's "store unavailable" paths): the
// matching operations after the first `after` fail, `times` in a row, with
// kUnavailable — as SQLite's own anomaly tests fail the Nth call, then N+1….
struct StoreFault {
  std::string op = "*";  // a Store method ("put_hire", "atomically", …) or "*"
  int times = 1;
  int after = 0;
};

// The armed faults of one world. Thread-safe: the core calls out from the
// runner's thread and from its HTTP server's threads.
class FaultPlan {
 public:
  void add(HttpFault fault);
  void add(CrashFault fault);
  void add(StoreFault fault);
  // Disarms every fault of `target` ("lever", "justworks", "core" or "store").
  void clear(const std::string& target);

  // The fault to apply to a request to `target`, if one is armed and due;
  // counts the request against every fault it matches.
  std::optional<HttpFault> on_request(const std::string& target, const std::string& method,
                                      const std::string& path);
  // True when the core must die at `point` now.
  bool on_crash_point(const std::string& point);
  // True when the store operation `op` must fail now.
  bool on_store_op(const std::string& op);

  // Every fault that fired, in order: method and path (or the crash point),
  // the target in `query`, what happened in `note`.
  Journal& journal() { return journal_; }
  const Journal& journal() const { return journal_; }

 private:
  template <typename F>
  struct Armed {
    F fault;
    int seen = 0;   // matches so far
    int fired = 0;  // matches it hit
    // Counts one match; true when it hits this one. `may_fire` is false
    // when another fault already took the request: it still counts for
    // "after", but does not use up "times".
    bool take(bool may_fire) {
      ++seen;
      if (!may_fire || seen <= fault.after || fired >= fault.times) return false;
      ++fired;
      return true;
    }
  };
  std::mutex mu_;
  std::vector<Armed<HttpFault>> http_;
  std::vector<Armed<CrashFault>> crashes_;
  std::vector<Armed<StoreFault>> store_;
  std::atomic<bool> store_armed_{false};  // every store call asks: skip the lock when unarmed
  Journal journal_;
};

// The core's outbound HTTP client with faults applied: a decorator over the
// real one. Base URLs name the target ("lever", "justworks"); requests to
// other hosts pass untouched. Never sleeps: a timeout is answered at once
// (time in the simulation is virtual).
class FaultyHttpClient final : public hiresync::HttpClient {
 public:
  FaultyHttpClient(hiresync::HttpClient& inner, FaultPlan& plan, const hiresync::Clock& clock);
  void set_target(const std::string& base_url, const std::string& target);
  hiresync::Result<hiresync::HttpResponse> send(const std::string& base_url,
                                                const hiresync::HttpRequest& request) override;

 private:
  hiresync::HttpClient& inner_;
  FaultPlan& plan_;
  const hiresync::Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::string> targets_;  // base URL → target
};

}  // namespace sim
