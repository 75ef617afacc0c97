// The core's throughput under load: N hires delivered by the fake Lever's
// webhook sender as fast as the receiver acknowledges them, while the worker
// turns each into a pending hire and emails. The core runs on a SQLite file
// in WAL mode, as in production, with `workers` threads running hires.
#pragma once

#include "common/status.h"

namespace sim::bench {

struct CoreFigures {
  int hires = 0;
  double seconds = 0;  // first delivery sent → last hire's emails recorded
  double hires_per_s = 0;
  double ack_p50_ms = 0;  // a delivery's POST, as Lever's sender waits for it
  double ack_p99_ms = 0;
  double ack_max_ms = 0;
  int requests_per_hire = 0;   // Lever + Justworks calls the worker made, per hire
  double cpu_ms_per_hire = 0;  // the process's CPU, every thread: core, fakes and sender
  int workers = 1;
};

// `workers`: the core's worker threads (CoreConfig::workers).
hiresync::Result<CoreFigures> run_core_bench(int hires, int workers);

}  // namespace sim::bench
