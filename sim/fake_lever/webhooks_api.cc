// Data API: the webhooks subscription API for partner apps — create (201,
// with the signature token, shown only then), list, bulk update, delete (204).
// An app sees and changes only the webhooks it created in its account.
#include <fmt/format.h>
#include <httplib.h>

#include "fake_lever/api_common.h"

namespace sim::lever {

namespace {

const std::vector<std::string> kOrigins = {"applied",    "sourced", "referred",
                                           "university", "agency",  "internal"};

bool one_of(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

json render_webhook(const Webhook& w, bool with_token) {
  json configuration = json::object();
  if (!w.conditions.is_null()) configuration["conditions"] = w.conditions;
  if (with_token) configuration["signatureToken"] = w.signature_token;
  return {{"id", w.id},
          {"url", w.url},
          {"event", w.event},
          {"createdAt", w.created_ms},
          {"updatedAt", w.updated_ms},
          {"configuration", configuration}};
}

// Checks a webhook's url; "" if fine, else why not.
std::string check_url(const json& url) {
  std::string base, target;
  if (!url.is_string() || !split_url(url.get<std::string>(), base, target)) {
    return "url must be an http(s) URL";
  }
  return {};
}

// Checks `configuration` for a webhook of `event`; sets `conditions`.
std::string check_configuration(const json& config, const std::string& event, json& conditions) {
  if (config.is_null()) return {};
  if (!config.is_object()) return "configuration must be an object";
  for (const auto& [key, value] : config.items()) {
    if (key == "signatureToken") continue;  // Lever's own; a client echoing it back is harmless
    if (key != "conditions") return fmt::format("unknown configuration key '{}'", key);
    if (!one_of(kConditionalEvents, event)) {
      return fmt::format("{} webhooks take no conditions", event);
    }
    const json& origins = field(value, "origins");
    if (!value.is_object() || value.size() != 1 || !origins.is_array()) {
      return "conditions must be {\"origins\": [...]}";
    }
    for (const json& o : origins) {
      if (!o.is_string() || !one_of(kOrigins, o.get<std::string>())) {
        return fmt::format("conditions.origins values must be among: {}",
                           fmt::join(kOrigins, ", "));
      }
    }
    conditions = value;
  }
  return {};
}

Reply bad_request(const std::string& message) { return api_error(400, "BadRequestError", message); }

}  // namespace

Webhook* FakeLever::Impl::find_webhook(const ApiCaller& caller, const std::string& id) {
  for (Webhook& w : webhooks) {
    if (w.id == id && !w.deleted && w.account == caller.account->id &&
        w.client_id == caller.grant->client_id) {
      return &w;
    }
  }
  return nullptr;
}

Reply FakeLever::Impl::api_list_webhooks(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "webhooks:read:admin", caller)) return *r;
  // Render every webhook at its position so paging tokens name positions.
  // Lever lists the account's webhooks ("all webhook subscriptions
  // configured on the account"), every app's, not only the caller's; a
  // client tells its own apart by URL. Changing one stays the creator's.
  std::deque<Stored> rendered;
  std::vector<ListRow> rows;
  for (size_t i = 0; i < webhooks.size(); ++i) {
    rendered.emplace_back(render_webhook(webhooks[i], false));
    if (!webhooks[i].deleted && webhooks[i].account == caller.account->id)
      rows.push_back({i, &rendered.back()});
  }
  auto at = [&](size_t p) { return p < rendered.size() ? &rendered[p] : nullptr; };
  return list_reply(call, *caller.account, rows, at, {});
}

Reply FakeLever::Impl::api_create_webhook(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "webhooks:write:admin", caller)) return *r;
  const json body = json::parse(call.http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return bad_request("the body must be a JSON object");
  if (std::string why = check_url(field(body, "url")); !why.empty()) return bad_request(why);
  const json& event = field(body, "event");
  if (!event.is_string() || !one_of(kWebhookEvents, event.get<std::string>())) {
    return bad_request(fmt::format("event must be one of: {}", fmt::join(kWebhookEvents, ", ")));
  }
  json conditions;
  if (std::string why =
          check_configuration(field(body, "configuration"), event.get<std::string>(), conditions);
      !why.empty()) {
    return bad_request(why);
  }
  Webhook& w = webhooks.emplace_back();
  w.id = new_id();
  w.account = caller.account->id;
  w.client_id = caller.grant->client_id;
  w.url = body["url"].get<std::string>();
  w.event = event.get<std::string>();
  w.conditions = std::move(conditions);
  w.signature_token = new_secret(48);
  w.created_ms = w.updated_ms = now();
  Reply r = json_reply(201, json{{"data", render_webhook(w, true)}});
  r.note = "created " + w.event;
  return r;
}

Reply FakeLever::Impl::api_update_webhooks(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "webhooks:write:admin", caller)) return *r;
  const json body = json::parse(call.http.body, nullptr, false);
  const json& updates = field(body, "data");
  if (body.is_discarded() || !updates.is_array()) {
    return bad_request("the body must be {\"data\": [{id, url?, configuration?}]}");
  }
  // Check every update before applying any: the bulk update is all or nothing.
  std::vector<std::pair<Webhook*, json>> planned;
  for (const json& u : updates) {
    const json& id = field(u, "id");
    if (!id.is_string()) return bad_request("each update needs an id");
    Webhook* w = find_webhook(caller, id.get<std::string>());
    if (w == nullptr) return not_found("webhooks", id.get<std::string>());
    if (u.contains("url")) {
      if (std::string why = check_url(u["url"]); !why.empty()) return bad_request(why);
    }
    if (u.contains("event") && u["event"] != w->event) {
      return bad_request("a webhook's event cannot be changed; create another webhook");
    }
    json conditions = w->conditions;
    if (u.contains("configuration")) {
      conditions = json();
      if (std::string why = check_configuration(u["configuration"], w->event, conditions);
          !why.empty()) {
        return bad_request(why);
      }
    }
    planned.emplace_back(w, json{{"url", u.value("url", w->url)}, {"conditions", conditions}});
  }
  json out = json::array();
  for (auto& [w, change] : planned) {
    w->url = change["url"].get<std::string>();
    w->conditions = change["conditions"];
    w->updated_ms = now();
    out.push_back(render_webhook(*w, false));
  }
  return json_reply(200, json{{"data", out}});
}

Reply FakeLever::Impl::api_delete_webhook(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "webhooks:write:admin", caller)) return *r;
  Webhook* w = find_webhook(caller, call.args[0]);
  if (w == nullptr) return not_found("webhooks", call.args[0]);
  w->deleted = true;
  // A deleted webhook's pending retries die with it.
  for (Delivery& d : w->deliveries) {
    if (d.outcome == "pending") d.outcome = "cancelled";
  }
  Reply r;
  r.status = 204;
  r.note = "deleted";
  return r;
}

}  // namespace sim::lever
