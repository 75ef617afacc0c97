#include "scenario/server_names.h"

#include <cctype>

namespace sim {

void name_servers(std::string& text, const ServerNames& names) {
  for (const auto& [url, name] : names) {
    for (size_t at = text.find(url); at != std::string::npos;) {
      const size_t end = at + url.size();
      // Port 4547 must not match inside port 45479.
      if (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) {
        at = text.find(url, end);
        continue;
      }
      text.replace(at, url.size(), name);
      at = text.find(url, at + name.size());
    }
  }
}

void name_servers(nlohmann::json& value, const ServerNames& names) {
  if (value.is_string()) {
    name_servers(value.get_ref<std::string&>(), names);
  } else if (value.is_structured()) {
    for (auto& child : value) name_servers(child, names);
  }
}

}  // namespace sim
