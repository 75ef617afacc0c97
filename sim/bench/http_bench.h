// The fake Lever's Data API against a bare cpp-httplib server answering the
// same bytes, both loaded by wrk (Debian's package) in one run: how much the
// fake's own work (auth, rate-limit bookkeeping, JSON, journal) costs.
#pragma once

#include "common/status.h"

namespace sim::bench {

struct HttpFigures {
  double fake_rps = 0;  // GET /v1/opportunities/:id on the fake Lever
  double bare_rps = 0;  // the same bytes from a server with one route and no work
  double ratio = 0;     // fake / bare, the median of the rounds' ratios
  int connections = 0;
  int seconds = 0;
};

// `seconds` one-second rounds per server, alternating between the two.
// Fails when wrk is not installed.
hiresync::Result<HttpFigures> run_http_bench(int seconds);

}  // namespace sim::bench
