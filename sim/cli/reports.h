// Machine-readable reports of a run: JUnit XML for CI dashboards, and JSON
// with every scenario's steps and journals.
#pragma once

#include <string>
#include <vector>

#include "common/markup.h"
#include "common/status.h"
#include "scenario/runner.h"

namespace sim::cli {

// Whether `flag` (--json, --html, --junit) can write a report at `path`,
// checked before a run starts: not a folder, its folder made if missing, and
// writable. InvalidArgument (exit 2) naming the flag and why, if not.
hiresync::Status check_report_destination(const std::string& flag, const std::string& path);
// Writes `text` to `path` whole or not at all (a temp file, then a rename).
hiresync::Status write_report_file(const std::string& path, const std::string& text);

hiresync::Status write_junit(const std::vector<ScenarioResult>& results, const std::string& path);
hiresync::Status write_json(const std::vector<ScenarioResult>& results, const std::string& path);

}  // namespace sim::cli
