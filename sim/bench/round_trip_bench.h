// The floor under every scenario: one loopback HTTP round trip through
// cpp-httplib with no work behind it, timed on this machine. A scenario is
// a few dozen such round trips (each fake and the core answer over real
// HTTP, as the spec asks), so their bare cost bounds the suite's and fuzz's
// rates before the simulator does anything of its own.
#pragma once

#include "common/status.h"

namespace sim::bench {

struct RoundTripFigures {
  int requests = 0;  // sequential, on one kept-alive connection
  double wall_us = 0;
  double cpu_us = 0;  // the process's user + system time: client and server threads together
};

// Alternates a GET and a small JSON POST against a server with two routes
// that do nothing, through the same client and server adapters the
// simulator uses.
// The default is enough to steady the mean, and a fraction of a second.
hiresync::Result<RoundTripFigures> run_round_trip_bench(int requests = 4000);

// This process's CPU time so far (user + system, every thread), in µs.
double process_cpu_us();

}  // namespace sim::bench
