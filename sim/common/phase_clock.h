// Where one scenario's wall time goes, for `hiresim bench`: a thread that
// starts a PhaseClock has its time charged to the innermost phase it is in
// (a PhaseScope), so nested phases are not counted twice — an HTTP round
// trip inside the core's work is HTTP, not the core's. Threads without a
// clock (every thread, outside the bench) pay one thread_local test per scope.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace sim {

enum class Phase : int {
  kRunner,      // the runner's own work: steps, expectations, reports
  kFiles,       // reading and parsing the scenario and world files
  kWorldBuild,  // the fakes' accounts and companies, the core's database and schema
  kServers,     // starting and stopping the three loopback servers
  kHttp,        // waiting on a loopback request: the servers' work, the transport
  kCore,        // the core's own work on the runner's thread: jobs, mapping, JSON
  kStore,       // SQLite: the core's store calls
  kCount
};

std::string_view phase_name(Phase phase);
std::string_view phase_key(Phase phase);  // a stable name for --json: "http", "store"…

struct PhaseTotals {
  std::array<int64_t, static_cast<size_t>(Phase::kCount)> ns{};
  int64_t total_ns() const;
};

// From construction to destruction, this thread's time goes to `totals`
// (kRunner outside any scope). One per thread at a time.
class PhaseClock {
 public:
  explicit PhaseClock(PhaseTotals& totals);
  ~PhaseClock();
  PhaseClock(const PhaseClock&) = delete;
  PhaseClock& operator=(const PhaseClock&) = delete;
};

// While alive, the thread's time goes to `phase`; then back to the phase
// it was in.
class PhaseScope {
 public:
  explicit PhaseScope(Phase phase);
  ~PhaseScope();
  PhaseScope(const PhaseScope&) = delete;
  PhaseScope& operator=(const PhaseScope&) = delete;

 private:
  Phase outer_ = Phase::kRunner;
  bool active_ = false;
};

}  // namespace sim
