// The core's decisions in the order they happened, from what the run
// recorded: Lever's delivery journal, each delivery paired with the
// receiver's log line for it, and the core's calls to Lever and Justworks and
// its log lines, which share one order (RecordOrder); the fault journal says
// which answers a scenario injected.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/journal.h"
#include "scenario/core_host.h"
#include "scenario/read_log.h"

namespace sim::explain {

struct RunRecord {
  std::vector<JournalEntry> deliveries;  // Lever's webhook sender
  std::vector<RecordedCall> calls;       // the core's calls, as it saw them
  std::vector<JournalEntry> faults;      // faults injected into the core's calls
  std::vector<LogLine> log;              // the core's log
  // Every email the fake Justworks sent, in sending order: {to, ...}.
  std::vector<nlohmann::json> emails;
};

// [{time_ms, actor, what, why}] in the order things happened.
nlohmann::json decisions(const RunRecord& run);

// "2027-01-04 09:00:00.250" (UTC).
std::string clock_text(int64_t epoch_ms);

}  // namespace sim::explain
