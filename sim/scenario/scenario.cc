#include "scenario/scenario.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "common/jsonc.h"

namespace sim {
namespace {

constexpr std::array<std::string_view, 43> kActions = {
    "justworks.setup", "justworks.finish_setup", "justworks.disconnect",
    "lever.consent", "lever.webhook.enable", "lever.webhook.disable", "lever.webhook.verify",
    "lever.choose_job", "lever.stage.move",
    "lever.offer.create", "lever.offer.approve", "lever.offer.send", "lever.offer.send_outside",
    "lever.offer.mark_signed", "lever.offer.decline",
    "lever.hire", "lever.unhire", "lever.archive", "lever.deliver", "lever.revoke", "lever.set",
    "justworks.set_permission", "justworks.review", "justworks.invite", "justworks.dismiss",
    "justworks.retry", "clock.advance", "settle", "core.crash", "core.restart", "fault",
    "webhook.replay", "webhook.send",
    "expect.pending_hires", "expect.emails", "expect.members", "expect.integration",
    "expect.sync_log", "expect.lever_requests", "expect.justworks_requests", "expect.error",
    "expect.webhook", "expect.invariants"};

using hiresync::Status;

}  // namespace

bool is_known_action(const std::string& action) {
  return std::find(kActions.begin(), kActions.end(), action) != kActions.end();
}

hiresync::Result<Scenario> parse_scenario(const nlohmann::json& doc, const std::string& path) {
  auto bad = [&](const std::string& what) { return Status::InvalidArgument(path + ": " + what); };
  if (!doc.is_object()) return bad("a scenario is a JSON object");
  for (const auto& [key, _] : doc.items()) {
    if (key != "name" && key != "covers" && key != "seed" && key != "world" && key != "steps" &&
        key != "description") {
      return bad(fmt::format("unknown key \"{}\" (expected name, description, covers, seed, "
                             "world, steps)", key));
    }
  }
  Scenario s;
  s.path = path;
  if (!doc.contains("name") || !doc["name"].is_string() || doc["name"].get<std::string>().empty())
    return bad("\"name\" must be a non-empty string");
  s.name = doc["name"];
  if (doc.contains("covers")) {
    if (!doc["covers"].is_array()) return bad("\"covers\" must be an array of rule ids");
    for (const auto& c : doc["covers"]) {
      if (!c.is_string()) return bad("\"covers\" must be an array of rule ids");
      s.covers.push_back(c);
    }
  }
  if (doc.contains("seed")) {
    const auto& seed = doc["seed"];
    if (!seed.is_number_integer() || (!seed.is_number_unsigned() && seed.get<int64_t>() < 0))
      return bad("\"seed\" must be a non-negative integer");
    s.seed = seed.get<uint64_t>();
  }
  if (!doc.contains("world") || !(doc["world"].is_string() || doc["world"].is_object()))
    return bad("\"world\" must name a fixture under fixtures/worlds/ or be an inline world object");
  s.world = doc["world"];
  if (!doc.contains("steps") || !doc["steps"].is_array() || doc["steps"].empty())
    return bad("\"steps\" must be a non-empty array");
  size_t index = 0;
  for (const auto& raw : doc["steps"]) {
    ++index;
    if (!raw.is_object() || raw.size() != 1)
      return bad(fmt::format("step {}: a step is an object with exactly one action, "
                             "e.g. {{\"lever.hire\": {{\"opportunity\": \"opp-jane\"}}}}", index));
    const auto first = raw.begin();  // the step's one key: not items(), whose proxy is a temporary
    const std::string action = first.key();
    if (!is_known_action(action))
      return bad(fmt::format("step {}: unknown action \"{}\"", index, action));
    s.steps.push_back(Step{index, action, first.value()});
  }
  return s;
}

hiresync::Result<Scenario> load_scenario(const std::string& path) {
  auto doc = load_jsonc_file(path);
  if (!doc.ok()) return doc.status();
  return parse_scenario(*doc, path);
}

hiresync::Result<std::vector<std::string>> find_scenario_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return std::vector<std::string>{path};
  if (!fs::is_directory(path, ec))
    return Status::NotFound(fmt::format("{}: no such scenario file or directory", path));
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".json") {
      files.push_back(it->path().string());
    }
  }
  if (ec) return Status::Unavailable(fmt::format("{}: {}", path, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace sim
