#include "common/phase_clock.h"

namespace sim {
namespace {

using Clock = std::chrono::steady_clock;

struct ThreadState {
  PhaseTotals* totals = nullptr;
  Phase current = Phase::kRunner;
  Clock::time_point since;
};
thread_local ThreadState state;

// Charges the time since the last switch to the current phase.
void charge(Clock::time_point now) {
  state.totals->ns[static_cast<size_t>(state.current)] +=
      std::chrono::duration_cast<std::chrono::nanoseconds>(now - state.since).count();
  state.since = now;
}

}  // namespace

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kRunner:
      return "the runner's own work (steps, expectations)";
    case Phase::kFiles:
      return "scenario and world files (read, JSON parse)";
    case Phase::kWorldBuild:
      return "world build (accounts, database schema)";
    case Phase::kServers:
      return "server start and stop (three servers)";
    case Phase::kHttp:
      return "HTTP round trips (the servers' work included)";
    case Phase::kCore:
      return "the core's own work (jobs, mapping, JSON)";
    case Phase::kStore:
      return "SQLite (the core's store calls)";
    case Phase::kCount:
      break;
  }
  return "?";
}

std::string_view phase_key(Phase phase) {
  switch (phase) {
    case Phase::kRunner:
      return "runner";
    case Phase::kFiles:
      return "files";
    case Phase::kWorldBuild:
      return "world_build";
    case Phase::kServers:
      return "servers";
    case Phase::kHttp:
      return "http";
    case Phase::kCore:
      return "core";
    case Phase::kStore:
      return "store";
    case Phase::kCount:
      break;
  }
  return "?";
}

int64_t PhaseTotals::total_ns() const {
  int64_t sum = 0;
  for (int64_t v : ns) sum += v;
  return sum;
}

PhaseClock::PhaseClock(PhaseTotals& totals) { state = {&totals, Phase::kRunner, Clock::now()}; }

PhaseClock::~PhaseClock() {
  charge(Clock::now());
  state = {};
}

PhaseScope::PhaseScope(Phase phase) {
  if (state.totals == nullptr) return;
  active_ = true;
  charge(Clock::now());
  outer_ = state.current;
  state.current = phase;
}

PhaseScope::~PhaseScope() {
  if (!active_) return;
  charge(Clock::now());
  state.current = outer_;
}

}  // namespace sim
