// Machine-readable reports of a run: JUnit XML for CI dashboards, and JSON
// with every scenario's steps and journals.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "scenario/runner.h"

namespace sim::cli {

// Escapes text for XML and HTML alike (control characters become '?').
std::string xml_escape(std::string_view in);

hiresync::Status write_junit(const std::vector<ScenarioResult>& results, const std::string& path);
hiresync::Status write_json(const std::vector<ScenarioResult>& results, const std::string& path);

}  // namespace sim::cli
