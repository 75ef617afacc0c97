// What happened in a run, and why: each pending hire field by field (its
// value, the Lever JSON it came from, the rule that decided it, the reason
// when it is empty), the core's decisions in virtual-time order, every email
// with why that admin, and every loss stated. Built only from what the run
// recorded — both fakes' journals and deliveries, the core's log, its status
// API and the answers the core read — so it explains, never re-decides.
// Independent of the CLI: `hiresim run`, `hiresim repro` and any inspector
// render the same JSON. Secret-free (TOKEN-2).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sim {

class SimWorld;

// Call once the world has settled, while it is alive. The result:
// {
//   "integration": {"<tenant>": {"status", "last_error", "webhook": {...} | null}},
//   "pending_hires": [{"tenant", "record": {id, status, first_name, …},
//                      "fields": [{"field", "value", "source", "rule", "reason"}],
//                      "flags": [{"flag", "rule", "reason"}]}],
//   "emails": [{"tenant", "to", "subject", "pending_hire", "why"}],
//   "decisions": [{"time_ms", "actor", "what", "why"}],   // in order
//   "losses": [{"tenant", "opportunity", "what"}]
// }
// `source` is a Lever JSON path ("offers[0].fields[salary_amount].value",
// "posting.categories.department") or "" when nothing was read; `reason` is
// the pending hire's note on that field, "" when it has none. Servers appear
// as http://lever.sim, http://justworks.sim and http://core.sim.
nlohmann::json explain_run(SimWorld& world);

// For a terminal: ANSI colour only when `color` (the caller decides: a tty
// and no NO_COLOR).
std::string explanation_text(const nlohmann::json& explanation, bool color);

// A self-contained HTML fragment (a <section class="explain">, no <html>):
// placed beside a scenario's timeline in the --html report.
std::string explanation_html(const nlohmann::json& explanation);

}  // namespace sim
