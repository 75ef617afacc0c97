// JSON pointers (RFC 6901) into an export or a bundle, for the paths repro
// names in its warnings, errors and redaction report.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sim::repro {

// `key` as one pointer segment: "~" becomes "~0" and "/" becomes "~1".
inline std::string pointer_segment(const std::string& key) {
  return (nlohmann::json::json_pointer() / key).to_string().substr(1);
}

}  // namespace sim::repro
