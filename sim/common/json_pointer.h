// JSON pointers (RFC 6901), for the paths the simulator names in its
// warnings and errors: a world file, an export, a bundle.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sim {

// `key` as one pointer segment: "~" becomes "~0" and "/" becomes "~1".
inline std::string pointer_segment(const std::string& key) {
  return (nlohmann::json::json_pointer() / key).to_string().substr(1);
}

}  // namespace sim
