// The outcome of a repro run — pending hires, emails, the integration's
// status — as a bundle's expectations, and compared between the customer's
// data and its redacted copy: does the redacted bundle still show the
// problem?
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/runner.h"

namespace sim::repro {

struct Outcome {
  nlohmann::json pending_hires = nlohmann::json::array();  // the fake Justworks' records
  nlohmann::json emails = nlohmann::json::array();         // its mailbox
  nlohmann::json integration = nlohmann::json::object();   // the core's status API answer
};

// From a finished run's transcript (pending hires and emails of its one
// tenant) and the integration status read while the world was alive.
Outcome outcome_of(const ScenarioResult& result, const nlohmann::json& integration);

// The expectation steps a bundle ends with: every pending hire's fields,
// every email's recipient and subject, the integration's status.
nlohmann::json expectation_steps(const Outcome& outcome);

// Where the redacted run differs from the original in what a support case
// turns on: pending hires' statuses, flags, the fields their notes name,
// which fields are empty, which admins (by their place in the members list)
// are mailed, the integration's status. Empty when it reproduces. Each line
// names the field, never a value that could be personal.
std::vector<std::string> compare_outcomes(const Outcome& original,
                                          const nlohmann::json& original_world,
                                          const Outcome& redacted,
                                          const nlohmann::json& redacted_world);

}  // namespace sim::repro
