#include "cli/set_option.h"

#include <fmt/format.h>

#include "fake_lever/switches.h"

namespace sim::cli {

hiresync::Result<nlohmann::json> parse_set_options(const std::vector<std::string>& sets) {
  nlohmann::json settings = nlohmann::json::object();
  for (const std::string& set : sets) {
    auto bad = [&](const std::string& why) {
      return hiresync::Status::InvalidArgument(
          fmt::format("--set {}: {}", set.substr(0, 100), why));
    };
    const size_t eq = set.find('=');
    const std::string name = set.substr(0, eq);
    if (name.rfind("lever.", 0) != 0)
      return bad("write lever.KEY=VALUE (only Lever's switches can be set)");
    if (eq == std::string::npos) return bad("missing =VALUE");
    const std::string key = name.substr(6), value = set.substr(eq + 1);
    lever::LeverSwitches check;
    if (auto s = lever::apply_switch_text(check, key, value); !s.ok()) return bad(s.message());
    settings[key] = key == "refresh_grace_s" ? nlohmann::json(check.refresh_grace_ms / 1000)
                                             : nlohmann::json(value);
  }
  return settings;
}

}  // namespace sim::cli
