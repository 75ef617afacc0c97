// FakeLever::explain_view: what the explanation of a run (sim/explain/) needs
// to state a loss, and Lever's API does not show the integration: which
// opportunities are archived as hired, and every webhook the account ever
// had — deleted ones too, whose cancelled deliveries are Lever's dropped
// retries — with why it is not live.
#include "fake_lever/fake_lever.h"
#include "fake_lever/impl.h"

namespace sim::lever {

nlohmann::json FakeLever::explain_view(const std::string& account_id) const {
  std::lock_guard lock(impl_->mu);
  json out = {{"hired", json::array()}, {"webhooks", json::array()}};
  auto account = impl_->accounts.find(account_id);
  if (account == impl_->accounts.end()) return out;
  const Account& a = account->second;
  for (const Stored& opp : a.opportunities.items()) {
    const json& archived = field(opp.obj(), "archived");
    const json& reason = field(archived, "reason");
    if (!reason.is_string()) continue;
    const Stored* r = a.archive_reasons.find(reason.get<std::string>());
    if (r == nullptr || field(r->obj(), "type") != "hired") continue;
    out["hired"].push_back({{"id", opp.id()}, {"archivedAt", field(archived, "archivedAt")}});
  }
  for (const Webhook& w : impl_->webhooks) {
    if (w.account != account_id) continue;
    json deliveries = json::array();
    for (const Delivery& d : w.deliveries) {
      deliveries.push_back({{"event", d.event},
                            {"opportunityId", d.opportunity_id},
                            {"attempts", d.attempts},
                            {"last_status", d.last_status},
                            {"outcome", d.outcome},
                            {"rerun", d.rerun}});
    }
    out["webhooks"].push_back({{"id", w.id},
                               {"event", w.event},
                               {"deleted", w.deleted},
                               {"event_enabled", a.enabled_events.count(w.event) > 0},
                               {"app_authorized", impl_->app_authorized(w.account, w.client_id)},
                               {"live", impl_->webhook_live(w)},
                               {"deliveries", std::move(deliveries)}});
  }
  return out;
}

}  // namespace sim::lever
