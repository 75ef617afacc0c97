#include "scenario/acme_candidates.h"

#include <fmt/format.h>

#include "scenario/actions.h"

namespace sim {

using hiresync::Result;
using hiresync::Status;
using nlohmann::json;

Result<WorldSpec> acme_with(const std::vector<ExtraCandidate>& extra) {
  auto spec = source_fixture("acme");
  if (!spec.ok()) return spec.status();
  json& lever = spec->tenants.at(0).lever;
  const json offer_template = lever["offers"]["opp-omar"][0];
  for (const ExtraCandidate& c : extra) {
    lever["opportunities"].push_back(
        {{"id", c.opportunity},
         {"name", c.name},
         {"contact", c.contact},
         {"emails", {c.email}},
         {"stage", "offer"},
         {"archived", nullptr},
         {"origin", "sourced"},
         {"owner", "u-sam"},
         {"applications",
          {{{"id", "app-" + c.opportunity}, {"type", "user"}, {"posting", "post-sales"}}}}});
    json offer = offer_template;
    offer["id"] = "offer-" + c.opportunity;
    offer.erase("sentDocument");
    offer.erase("signedDocument");
    lever["offers"][c.opportunity] = json::array({offer});
  }
  return spec;
}

Status connect_acme(SimWorld& world) {
  StepContext ctx{world, std::nullopt};
  const json steps = json::array({
      {{"justworks.setup", {{"as", "dana@acme.example"}}}},
      {{"lever.consent", {{"as", "sam@acme.example"}}}},
      {{"lever.webhook.enable", {{"event", "candidateHired"}}}},
      {{"lever.webhook.verify", {{"expect", "Verified"}}}},
      {{"justworks.finish_setup", {{"as", "dana@acme.example"}, {"expect", "connected"}}}},
  });
  size_t index = 0;
  for (const json& s : steps) {
    const auto first = s.begin();
    Step step{++index, first.key(), first.value()};
    auto outcome = run_action(ctx, step);
    if (!outcome.ok()) return outcome.status();
    if (outcome->failed)
      return Status::Internal(
          fmt::format("connecting acme: {} failed: {}", step.action, outcome->message));
  }
  return Status::Ok();
}

}  // namespace sim
