#include "scenario/step_report.h"

#include <fmt/format.h>

namespace sim {
namespace {

std::string journal_tail(const Journal& journal, size_t n) {
  const auto entries = journal.entries();
  std::string out;
  const size_t from = entries.size() > n ? entries.size() - n : 0;
  for (size_t i = from; i < entries.size(); ++i) {
    const auto& e = entries[i];
    out += fmt::format("      #{} {} {} → {}{}\n", e.seq, e.method, e.path, e.status,
                       e.note.empty() ? "" : " (" + e.note + ")");
  }
  return out.empty() ? "      (none)\n" : out;
}

}  // namespace

std::string refused_action_report(const std::string& label, const ActionOutcome& outcome) {
  const std::string why =
      outcome.status ? fmt::format("{} ({})", outcome.message, outcome.status) : outcome.message;
  return fmt::format(
      "  {}\n    the action failed: {}\n    (follow it with "
      "expect.error if that is what the scenario means)\n",
      label, why);
}

std::string mismatch_report(const std::string& label, const Mismatch& m, SimWorld& world) {
  std::string report = fmt::format("  {}\n    at {}\n    expected: {}\n    actual:   {}\n", label,
                                   m.path, m.expected, m.actual);
  if (!m.detail.empty()) report += fmt::format("    ({})\n", m.detail);
  report += "    last Lever requests:\n" + journal_tail(world.lever().journal(), 5);
  report += "    last Justworks requests:\n" + journal_tail(world.justworks().journal(), 5);
  if (!world.core().faults().journal().entries().empty())
    report += "    last injected faults:\n" + journal_tail(world.core().faults().journal(), 5);
  return report;
}

}  // namespace sim
