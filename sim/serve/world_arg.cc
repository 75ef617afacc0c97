#include "serve/world_arg.h"

#include <filesystem>

#include <fmt/format.h>

#include "common/jsonc.h"
#include "scenario/world_spec.h"

namespace sim::serve {
namespace {

namespace fs = std::filesystem;
using hiresync::Status;

// Fixture names resolve as for a scenario in the working directory: its
// fixtures/worlds/ (or one above it), then the source tree's.
std::string cwd_origin() {
  std::error_code ec;
  return (fs::current_path(ec) / "serve").string();
}

}  // namespace

hiresync::Result<WorldChoice> choose_world(const std::string& arg) {
  std::error_code ec;
  if (!fs::is_regular_file(arg, ec)) {
    if (arg.find('/') != std::string::npos || arg.ends_with(".json"))
      return Status::NotFound(fmt::format("--world {}: no such file", arg));
    return choose_world(nlohmann::json(arg), "--world");
  }
  auto doc = load_jsonc_file(arg);
  if (!doc.ok()) return doc.status();
  WorldChoice choice{*doc, arg, std::nullopt};
  if (doc->is_object() && doc->contains("world") && doc->contains("steps")) {
    choice.world = (*doc)["world"];
    const auto& seed = doc->value("seed", nlohmann::json());
    if (seed.is_number_unsigned()) choice.seed = seed.get<uint64_t>();
  }
  // Resolved once here so a bad file fails at start, naming itself.
  auto spec = resolve_world(choice.world, choice.origin);
  if (!spec.ok()) return spec.status();
  return choice;
}

hiresync::Result<WorldChoice> choose_world(const nlohmann::json& world, const std::string& where) {
  if (!world.is_string() && !world.is_object())
    return Status::InvalidArgument(fmt::format(
        "{}: \"world\" must name a fixture under fixtures/worlds/ or be a world object", where));
  WorldChoice choice{world, world.is_string() ? cwd_origin() : where, std::nullopt};
  auto spec = resolve_world(choice.world, choice.origin);
  if (!spec.ok() && spec.status().code() == Status::Code::kNotFound)
    return Status::InvalidArgument(fmt::format(
        "{}: \"{}\" is neither a file nor a fixture in fixtures/worlds/ (here, above, or in the "
        "source tree)",
        where, world.get<std::string>()));
  if (!spec.ok()) return spec.status();
  return choice;
}

}  // namespace sim::serve
