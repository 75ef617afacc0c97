// An HttpClient that charges the time of each request to Phase::kHttp (see
// common/phase_clock.h), around the client it wraps. The world puts it
// around every loopback client: the browser, Lever's webhook sender and the
// core's transport.
#pragma once

#include <string>

#include "common/phase_clock.h"
#include "ports/http_client.h"

namespace sim {

class TimedHttpClient final : public hiresync::HttpClient {
 public:
  explicit TimedHttpClient(hiresync::HttpClient& inner) : inner_(inner) {}
  hiresync::Result<hiresync::HttpResponse> send(const std::string& base_url,
                                                const hiresync::HttpRequest& request) override {
    PhaseScope waiting(Phase::kHttp);
    return inner_.send(base_url, request);
  }

 private:
  hiresync::HttpClient& inner_;
};

}  // namespace sim
