// An HttpClient that charges the time of each request to Phase::kHttp (see
// common/phase_clock.h), around the client it wraps, and counts the
// requests. The world puts it around every loopback client: the browser,
// Lever's webhook sender and the core's transport.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/phase_clock.h"
#include "ports/http_client.h"

namespace sim {

class TimedHttpClient final : public hiresync::HttpClient {
 public:
  explicit TimedHttpClient(hiresync::HttpClient& inner) : inner_(inner) {}
  hiresync::Result<hiresync::HttpResponse> send(const std::string& base_url,
                                                const hiresync::HttpRequest& request) override {
    sent_.fetch_add(1, std::memory_order_relaxed);
    PhaseScope waiting(Phase::kHttp);
    return inner_.send(base_url, request);
  }

  // Requests sent through every TimedHttpClient of the process so far, from
  // any thread (the core calls Lever from a server thread while it answers
  // the browser): hiresim bench's round trips per scenario.
  static int64_t sent() { return sent_.load(std::memory_order_relaxed); }

 private:
  inline static std::atomic<int64_t> sent_{0};
  hiresync::HttpClient& inner_;
};

}  // namespace sim
