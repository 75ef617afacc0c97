// Reading JSON written by people: files may hold // and /* */ comments, and a
// parse error names the file, line and column.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim {

// Parses `text`; `where` (a file name) prefixes any error.
hiresync::Result<nlohmann::json> parse_jsonc(const std::string& text, const std::string& where);
hiresync::Result<nlohmann::json> load_jsonc_file(const std::string& path);

}  // namespace sim
