#include "repro/replay_plan.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/jsonc.h"

namespace sim::repro {
namespace {

using hiresync::Status;
using nlohmann::json;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The help article's setup: a Justworks admin starts it, a Lever super
// admin consents, turns the candidateHired webhook on and verifies it, and
// the admin finishes.
json connect_steps(const ImportedWorld& w) {
  return json::array({
      {{"justworks.setup", {{"as", w.justworks_admin}}}},
      {{"lever.consent", {{"as", w.lever_admin}}}},
      {{"lever.webhook.enable", {{"event", "candidateHired"}}}},
      {{"lever.webhook.verify", {{"expect", "Verified"}}}},
      {{"justworks.finish_setup", {{"as", w.justworks_admin}, {"expect", "connected"}}}},
  });
}

bool delivers_itself(const json& steps) {
  return std::any_of(steps.begin(), steps.end(),
                     [](const json& s) { return s.is_object() && s.contains("lever.deliver"); });
}

}  // namespace

hiresync::Result<json> replay_scenario(const ImportedWorld& imported, const ReplayRequest& request,
                                       std::vector<std::string>& notes) {
  std::vector<std::string> targets = imported.hired;
  if (request.opportunity) {
    if (!contains(imported.opportunities, *request.opportunity))
      return Status::InvalidArgument(
          fmt::format("--opportunity {}: the export holds no such opportunity (it holds {})",
                      *request.opportunity, fmt::join(imported.opportunities, ", ")));
    targets.clear();
    if (contains(imported.hired, *request.opportunity)) {
      targets.push_back(*request.opportunity);
    } else {
      notes.push_back(
          fmt::format("opportunity {} is not archived as hired: Lever sent no "
                      "candidateHired for it, so none is delivered",
                      *request.opportunity));
    }
  } else if (targets.empty()) {
    notes.push_back(
        "no exported opportunity is archived as hired: Lever sent no candidateHired, "
        "so none is delivered");
  }
  json steps = connect_steps(imported);
  for (const json& s : request.extra_steps) steps.push_back(s);
  // Steps that deliver themselves decide when the events come.
  if (!delivers_itself(request.extra_steps)) {
    for (const std::string& opp : targets) {
      steps.push_back({{"lever.deliver", {{"opportunity", opp}, {"event", "candidateHired"}}}});
    }
  }
  steps.push_back({{"settle", json::object()}});
  return json{{"name", "repro of " + request.source},
              {"description",
               "Made by hiresim repro from a Lever export: connect, deliver what Lever sent for "
               "the exported state, settle; the expectations are the outcome observed."},
              {"seed", 1},
              {"world", imported.world},
              {"steps", std::move(steps)}};
}

hiresync::Result<json> read_steps_file(const std::string& path) {
  auto doc = load_jsonc_file(path);
  if (!doc.ok()) return Status::InvalidArgument(doc.status().message());
  if (doc->is_object() && doc->contains("steps"))
    return (*doc)["steps"].is_array() ? hiresync::Result<json>((*doc)["steps"])
                                      : hiresync::Result<json>(Status::InvalidArgument(
                                            path + ": /steps: expected an array of steps"));
  if (!doc->is_array())
    return Status::InvalidArgument(path +
                                   ": /: expected an array of scenario steps, e.g. "
                                   "[{\"lever.webhook.disable\": {}}]");
  return *doc;
}

}  // namespace sim::repro
