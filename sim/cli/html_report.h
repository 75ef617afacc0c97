// `--html FILE`: one self-contained page — per scenario its outcome, the
// mismatch, and a timeline of the steps, the requests the core made to Lever
// and Justworks, and the emails sent, in virtual time.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "scenario/runner.h"

namespace sim::cli {

std::string render_html(const std::vector<ScenarioResult>& results);
hiresync::Status write_html(const std::vector<ScenarioResult>& results, const std::string& path);

}  // namespace sim::cli
