// Lever's webhook sender: actions queue signed deliveries (due now);
// deliver_due() sends what is due and schedules retries. Only a 2xx answer
// counts as received (3xx too is a failure). Retries: 5, at 1 min, 5 min,
// 30 min, 2 h and 6 h after each failure, each resending the delivery's
// exact bytes, or with the switch retry_token = mint a fresh token and
// triggeredAt (the event id stays).
//
// Delivery faults (duplicate, reorder, delay) apply to first attempts.
//
// Sending happens with the state mutex released: the receiver may call this
// fake's API while it handles a delivery.
#include <algorithm>

#include <fmt/format.h>

#include "fake_lever/impl.h"
#include "fake_lever/signature.h"

namespace sim::lever {

namespace {

constexpr int64_t kRetryDelaysMs[] = {1 * kMinuteMs, 5 * kMinuteMs, 30 * kMinuteMs, 2 * kHourMs,
                                      6 * kHourMs};
constexpr int kAttemptsMax = 1 + std::size(kRetryDelaysMs);
// Lever's delivery history keeps the last 1,000 requests per webhook.
constexpr size_t kHistoryMax = 1000;

bool conditions_match(const Webhook& w, const json* opportunity) {
  if (w.conditions.is_null() || opportunity == nullptr) return true;
  const json& origins = field(w.conditions, "origins");
  const json& origin = field(*opportunity, "origin");
  return std::find(origins.begin(), origins.end(), origin) != origins.end();
}

Delivery* find_delivery(Webhook& w, int64_t seq) {
  for (Delivery& d : w.deliveries) {
    if (d.seq == seq) return &d;
  }
  return nullptr;
}

// A delivery to send once the mutex is released.
struct Outgoing {
  size_t webhook;  // index into Impl::webhooks
  int64_t seq;
  int64_t due_ms;
  std::string url, body, event;
  bool last = false;   // reordered: goes after the others due now
  bool twice = false;  // duplicated: sent two times in a row
};

}  // namespace

void add_to_history(Webhook& w, Delivery d) {
  w.deliveries.push_back(std::move(d));
  while (w.deliveries.size() > kHistoryMax) {
    auto finished = std::find_if(w.deliveries.begin(), w.deliveries.end(),
                                 [](const Delivery& x) { return x.outcome != "pending"; });
    if (finished == w.deliveries.end()) break;
    w.deliveries.erase(finished);
  }
}

bool is_2xx(const Result<hiresync::HttpResponse>& answer) {
  return answer.ok() && answer->status >= 200 && answer->status < 300;
}

bool FakeLever::Impl::webhook_live(const Webhook& w) const {
  if (w.deleted) return false;
  if (accounts.at(w.account).enabled_events.count(w.event) == 0) return false;
  return !knobs.revoke_stops_webhooks || app_authorized(w.account, w.client_id);
}

std::string FakeLever::Impl::delivery_body(const Webhook& w, const std::string& event_id,
                                           const std::string& event, const json& data) {
  const std::string token = random.token(48);  // fresh per delivery, so receivers can dedupe
  const int64_t triggered_at = now();
  return json{{"id", event_id},
              {"event", event},
              {"triggeredAt", triggered_at},
              {"token", token},
              {"signature", webhook_signature(w.signature_token, token, triggered_at)},
              {"data", data}}
      .dump();
}

std::string FakeLever::Impl::resend_body(const Webhook& w, const Delivery& d) {
  if (accounts.at(w.account).settings.switches.retry_token != RetryToken::kMint) return d.body;
  json body = json::parse(d.body);  // our own bytes: always valid
  const std::string token = random.token(48);
  const int64_t triggered_at = now();
  body["token"] = token;
  body["triggeredAt"] = triggered_at;
  body["signature"] = webhook_signature(w.signature_token, token, triggered_at);
  return body.dump();
}

void FakeLever::Impl::emit_event(Account& account, const std::string& event, const json& data,
                                 const json* opportunity) {
  std::string event_id;  // one event, one id, whichever webhooks receive it
  for (Webhook& w : webhooks) {
    if (w.account != account.id || w.event != event || !webhook_live(w) ||
        !conditions_match(w, opportunity)) {
      continue;
    }
    if (event_id.empty()) event_id = new_id();
    Delivery d;
    d.seq = ++delivery_seq;
    d.event = event;
    const json& opp_id = field(data, "opportunityId");
    d.opportunity_id = opp_id.is_string() ? opp_id.get<std::string>() : "";
    d.body = delivery_body(w, event_id, event, data);
    d.next_due_ms = now();
    add_to_history(w, std::move(d));
  }
}

void FakeLever::Impl::record_attempt(Delivery& d, const Result<hiresync::HttpResponse>& answer) {
  ++d.attempts;
  d.last_status = answer.ok() ? answer->status : 0;
  if (is_2xx(answer)) {
    d.outcome = "delivered";
  } else if (d.rerun || d.attempts >= kAttemptsMax) {
    d.outcome = "failed";  // a manual Rerun is one request, not a new retry series
  } else {
    d.next_due_ms = now() + kRetryDelaysMs[d.attempts - 1];
  }
}

Result<hiresync::HttpResponse> FakeLever::Impl::send_delivery(const std::string& url,
                                                              const std::string& body,
                                                              const std::string& what) {
  std::string base, target;
  if (!split_url(url, base, target)) return Status::InvalidArgument("not an http(s) URL");
  // Kept alive between deliveries: a new connection per delivery costs more
  // than the receiver's work. Whoever owns `webhook_http` hangs up before
  // stopping a receiver (SimWorld does), as a kept-alive connection holds a
  // server thread until then.
  hiresync::HttpRequest request{
      "POST",
      target,
      {{"User-Agent", "Lever-Webhooks"}, {"Content-Type", "application/json"}},
      body};
  Result<hiresync::HttpResponse> answer = webhook_http.send(base, request);
  delivery_journal.record(
      {.seq = 0,
       .time_ms = now(),
       .method = "POST",
       .path = target,
       .query = "",
       .status = answer.ok() ? answer->status : 0,
       .note = answer.ok() ? what : what + ": " + answer.status().message()},
      {body, "application/json", answer.ok() ? std::string_view(answer->body) : std::string_view(),
       answer.ok() ? answer->header("content-type") : ""});
  return answer;
}

std::optional<DeliveryFault> FakeLever::Impl::take_delivery_fault(const Delivery& d) {
  std::optional<DeliveryFault> hit;
  for (auto& armed : delivery_faults) {
    const DeliveryFault& f = armed.fault;
    if ((!f.event.empty() && f.event != d.event) ||
        (!f.opportunity.empty() && f.opportunity != d.opportunity_id)) {
      continue;
    }
    ++armed.seen;
    if (hit || armed.seen <= f.after || armed.fired >= f.times) continue;
    ++armed.fired;
    hit = f;
  }
  return hit;
}

void FakeLever::add_delivery_fault(DeliveryFault fault) {
  std::lock_guard lock(impl_->mu);
  impl_->delivery_faults.push_back({std::move(fault)});
}

void FakeLever::clear_delivery_faults() {
  std::lock_guard lock(impl_->mu);
  impl_->delivery_faults.clear();
}

std::optional<int64_t> FakeLever::next_delivery_due_ms() const {
  std::lock_guard lock(impl_->mu);
  std::optional<int64_t> next;
  for (const Webhook& w : impl_->webhooks) {
    for (const Delivery& d : w.deliveries) {
      if (d.outcome == "pending" && (!next || d.next_due_ms < *next)) next = d.next_due_ms;
    }
  }
  return next;
}

int FakeLever::deliver_due() {
  std::vector<Outgoing> due;
  {
    std::lock_guard lock(impl_->mu);
    for (size_t i = 0; i < impl_->webhooks.size(); ++i) {
      Webhook& w = impl_->webhooks[i];
      for (Delivery& d : w.deliveries) {
        if (d.outcome != "pending" || d.next_due_ms > impl_->now()) continue;
        // Switched off, deleted or revoked since it was queued: Lever stops.
        if (!impl_->webhook_live(w)) {
          d.outcome = "cancelled";
          continue;
        }
        if (!d.fault_checked) {
          d.fault_checked = true;
          if (auto fault = impl_->take_delivery_fault(d)) {
            d.fault = fault->kind;
            if (fault->kind == "delay") {
              d.next_due_ms = impl_->now() + fault->delay_ms;
              continue;  // its timer comes back later
            }
          }
        }
        // A retry (never a first attempt) may carry a freshly minted token.
        if (d.attempts > 0) d.body = impl_->resend_body(w, d);
        due.push_back({i, d.seq, d.next_due_ms, w.url, d.body, d.event,
                       d.fault == "reorder" && d.attempts == 0,
                       d.fault == "duplicate" && d.attempts == 0});
      }
    }
  }
  std::sort(due.begin(), due.end(), [](const Outgoing& a, const Outgoing& b) {
    return std::tie(a.last, a.due_ms, a.seq) < std::tie(b.last, b.due_ms, b.seq);
  });
  for (const Outgoing& o : due) {
    const Result<hiresync::HttpResponse> answer = impl_->send_delivery(o.url, o.body, o.event);
    // The copy arrives right behind the original; Lever's history shows one
    // attempt with the first answer, as the duplicate happened on the way.
    if (o.twice) impl_->send_delivery(o.url, o.body, o.event + " (duplicate)");
    std::lock_guard lock(impl_->mu);
    // A webhook deleted meanwhile already marked its deliveries cancelled.
    Delivery* d = find_delivery(impl_->webhooks[o.webhook], o.seq);
    if (d != nullptr && d->outcome == "pending") impl_->record_attempt(*d, answer);
  }
  return static_cast<int>(due.size());
}

}  // namespace sim::lever
