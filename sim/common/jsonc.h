// Reading JSON written by people: files may hold // and /* */ comments, and a
// parse error names the file, line and column. Hostile files are refused, not
// obeyed: nesting deeper than kMaxJsonDepth, a duplicate key, a NUL byte, a
// number beyond double range, or a file over kMaxJsonFileBytes.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim {

// Deep enough for any real scenario or world (they nest < 10 levels), shallow
// enough that every recursive walk of the value (dump, compare, destroy) is
// safe on any thread's stack.
inline constexpr int kMaxJsonDepth = 256;
// A customer's whole Lever export fits; a runaway or hostile file does not
// reach memory (a parsed value takes several times its text).
inline constexpr size_t kMaxJsonFileBytes = 32u << 20;

// Parses `text`; `where` (a file name) prefixes any error.
hiresync::Result<nlohmann::json> parse_jsonc(const std::string& text, const std::string& where);
hiresync::Result<nlohmann::json> load_jsonc_file(const std::string& path);

}  // namespace sim
