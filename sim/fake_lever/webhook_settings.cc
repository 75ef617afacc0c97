// The webhooks settings page of Lever, as the runner drives it: Verify
// Connection (a signed test delivery with data {}, sent at once), Rerun of a
// recorded delivery, signing a scenario's own body, and the page's view of
// each webhook with its delivery history.
//
// Sending happens with the state mutex released (see deliveries.cc).
#include <algorithm>

#include <fmt/format.h>

#include "fake_lever/impl.h"
#include "fake_lever/signature.h"

namespace sim::lever {

namespace {

// A test delivery to send once the mutex is released.
struct Test {
  size_t webhook;  // index into Impl::webhooks
  std::string url, body;
};

}  // namespace

hiresync::Result<std::string> FakeLever::verify_webhook(const std::string& account_id,
                                                        const std::string& event,
                                                        const std::string& actor) {
  std::vector<Test> tests;
  {
    std::lock_guard lock(impl_->mu);
    Result<Account*> account = impl_->find_account(account_id);
    if (!account.ok()) return account.status();
    Status allowed = impl_->require_manage_integrations(**account, actor);
    if (!allowed.ok()) return allowed;
    for (size_t i = 0; i < impl_->webhooks.size(); ++i) {
      Webhook& w = impl_->webhooks[i];
      if (w.account != account_id || w.event != event || w.deleted) continue;
      if (!impl_->webhook_live(w)) {
        // Lever sends nothing for a switched-off event group (or a revoked app).
        w.verified = "Failed";
        continue;
      }
      const std::string body = impl_->delivery_body(w, impl_->new_id(), event, json::object());
      tests.push_back({i, w.url, body});
    }
    if (tests.empty() &&
        std::none_of(impl_->webhooks.begin(), impl_->webhooks.end(), [&](const Webhook& w) {
          return w.account == account_id && w.event == event && !w.deleted;
        })) {
      return Status::NotFound(
          fmt::format("Lever account {} has no {} webhook to verify", account_id, event));
    }
  }
  bool all_verified = true;
  for (const Test& t : tests) {
    const bool ok = is_2xx(impl_->send_delivery(t.url, t.body, "Verify Connection test"));
    std::lock_guard lock(impl_->mu);
    impl_->webhooks[t.webhook].verified = ok ? "Verified" : "Failed";
  }
  std::lock_guard lock(impl_->mu);
  for (const Webhook& w : impl_->webhooks) {
    if (w.account == account_id && w.event == event && !w.deleted) {
      all_verified = all_verified && w.verified == "Verified";
    }
  }
  return std::string(all_verified ? "Verified" : "Failed");
}

hiresync::Result<int> FakeLever::replay(const std::string& account_id, const std::string& event,
                                        const std::string& opportunity) {
  size_t webhook = 0;
  Delivery copy;
  std::string url;
  {
    std::lock_guard lock(impl_->mu);
    Result<Account*> account = impl_->find_account(account_id);
    if (!account.ok()) return account.status();
    const Delivery* latest = nullptr;
    for (size_t i = 0; i < impl_->webhooks.size(); ++i) {
      const Webhook& w = impl_->webhooks[i];
      if (w.account != account_id || w.deleted) continue;
      for (const Delivery& d : w.deliveries) {
        if ((event.empty() || d.event == event) &&
            (opportunity.empty() || d.opportunity_id == opportunity) &&
            (latest == nullptr || d.seq > latest->seq)) {
          latest = &d;
          webhook = i;
        }
      }
    }
    if (latest == nullptr) {
      return Status::NotFound(
          fmt::format("no recorded delivery in {} matches event '{}' and "
                      "opportunity '{}'",
                      account_id, event, opportunity));
    }
    copy = *latest;
    copy.body = impl_->resend_body(impl_->webhooks[webhook], *latest);
    url = impl_->webhooks[webhook].url;
  }
  const Result<hiresync::HttpResponse> answer =
      impl_->send_delivery(url, copy.body, copy.event + " (rerun)");
  std::lock_guard lock(impl_->mu);
  Delivery rerun;
  rerun.seq = ++impl_->delivery_seq;
  rerun.event = copy.event;
  rerun.opportunity_id = copy.opportunity_id;
  rerun.body = copy.body;  // byte for byte, unless retry_token = mint
  rerun.rerun = true;
  rerun.next_due_ms = impl_->now();
  impl_->record_attempt(rerun, answer);
  add_to_history(impl_->webhooks[webhook], std::move(rerun));
  if (!answer.ok()) return answer.status();
  return answer->status;
}

hiresync::Result<std::string> FakeLever::sign_delivery(const std::string& account_id,
                                                       const std::string& event, json body) {
  std::lock_guard lock(impl_->mu);
  if (!body.is_object()) return Status::InvalidArgument("a delivery body must be a JSON object");
  const Webhook* newest = nullptr;
  for (const Webhook& w : impl_->webhooks) {
    if (w.account == account_id && w.event == event && !w.deleted) newest = &w;
  }
  if (newest == nullptr) {
    return Status::NotFound(fmt::format("Lever account {} has no {} webhook", account_id, event));
  }
  if (!field(body, "token").is_string()) body["token"] = impl_->random.token(48);
  if (!field(body, "triggeredAt").is_number_integer()) body["triggeredAt"] = impl_->now();
  body["signature"] = webhook_signature(newest->signature_token, body["token"].get<std::string>(),
                                        body["triggeredAt"].get<int64_t>());
  return body.dump();
}

nlohmann::json FakeLever::webhooks_view(const std::string& account_id) const {
  std::lock_guard lock(impl_->mu);
  json out = json::array();
  for (const Webhook& w : impl_->webhooks) {
    if (w.account != account_id || w.deleted) continue;
    json deliveries = json::array();
    for (const Delivery& d : w.deliveries) {
      deliveries.push_back(
          {{"event", d.event},
           {"opportunityId", d.opportunity_id.empty() ? json() : json(d.opportunity_id)},
           {"attempts", d.attempts},
           {"last_status", d.last_status},
           {"delivered", d.outcome == "delivered"},
           {"outcome", d.outcome},
           {"rerun", d.rerun},
           {"fault", d.fault.empty() ? json() : json(d.fault)}});
    }
    out.push_back({{"id", w.id},
                   {"url", w.url},
                   {"event", w.event},
                   {"client_id", w.client_id},
                   {"enabled", impl_->webhook_live(w)},
                   {"verified", w.verified ? json(*w.verified) : json()},
                   {"deliveries", std::move(deliveries)}});
  }
  return out;
}

}  // namespace sim::lever
