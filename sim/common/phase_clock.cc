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

namespace {

struct PhaseWords {
  std::string_view key;   // stable, for --json
  std::string_view name;  // for people
};
// In the order of enum Phase.
constexpr std::array<PhaseWords, static_cast<size_t>(Phase::kCount)> kPhases = {{
    {"runner", "the runner's own work (steps, expectations)"},
    {"files", "scenario and world files (read, JSON parse)"},
    {"world_build", "world build (accounts, database schema)"},
    {"servers", "server start and stop (three servers)"},
    {"http", "HTTP round trips (the servers' work included)"},
    {"core", "the core's own work (jobs, mapping, JSON)"},
    {"store", "SQLite (the core's store calls)"},
}};

const PhaseWords& words(Phase phase) {
  static constexpr PhaseWords kUnknown{"?", "?"};
  const auto i = static_cast<size_t>(phase);
  return i < kPhases.size() ? kPhases[i] : kUnknown;
}

}  // namespace

std::string_view phase_name(Phase phase) { return words(phase).name; }
std::string_view phase_key(Phase phase) { return words(phase).key; }

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
