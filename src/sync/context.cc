#include "sync/context.h"

#include <fmt/format.h>

#include "sync/reconciler.h"

namespace hiresync {
namespace {

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

CoreContext::CoreContext(CoreConfig config_in, CorePorts ports)
    : config(std::move(config_in)),
      clock(ports.clock),
      http(ports.http),
      store(ports.store),
      crypto(ports.crypto),
      log(ports.log),
      random(ports.random) {
  config.public_url = without_trailing_slash(config.public_url);
  config.lever_auth_url = without_trailing_slash(config.lever_auth_url);
  config.lever_api_url = without_trailing_slash(config.lever_api_url);
  config.justworks_api_url = without_trailing_slash(config.justworks_api_url);
}

bool CoreContext::crash_at(std::string_view point) {
  if (dead.load()) return true;
  if (fault_hook && fault_hook(point)) {
    dead.store(true);
    log.write(fmt::format("core: stopped at crash point {}", point));
    return true;
  }
  return false;
}

std::string CoreContext::redirect_uri() const {
  return config.public_url + "/oauth/lever/callback";
}

std::string CoreContext::webhook_url_prefix() const {
  return config.public_url + "/webhooks/lever/";
}

std::string CoreContext::webhook_url(const std::string& connection_id) const {
  return webhook_url_prefix() + connection_id;
}

std::string CoreContext::audience() const { return config.lever_api_url + "/v1/"; }

std::optional<std::string> CoreContext::justworks_token(const std::string& company) const {
  auto it = config.justworks_tokens.find(company);
  if (it == config.justworks_tokens.end()) return std::nullopt;
  return it->second;
}

void CoreContext::note_lever_ok(const std::string& connection_id) {
  std::lock_guard lock(lever_ok_mu);
  lever_ok_at_ms[connection_id] = clock.now_ms();
}

std::optional<int64_t> CoreContext::lever_ok_at(const std::string& connection_id) {
  std::lock_guard lock(lever_ok_mu);
  auto it = lever_ok_at_ms.find(connection_id);
  if (it == lever_ok_at_ms.end()) return std::nullopt;
  return it->second;
}

void CoreContext::mark_revoked(const std::string& connection_id, const std::string& reason) {
  std::lock_guard lock(store_mu);
  bool changed = false;
  Status s = store.atomically([&]() -> Status {
    auto conn = store.connection(connection_id);
    if (!conn.ok()) return conn.status();
    if (!conn->has_value()) return Status::Ok();
    Connection c = std::move(**conn);
    auto integration = store.integration(c.company);
    if (!integration.ok()) return integration.status();
    if (!integration->has_value() || (*integration)->connection_id != c.id) return Status::Ok();
    Integration i = std::move(**integration);
    if (i.status == IntegrationStatus::kDisconnected) return Status::Ok();
    i.status = IntegrationStatus::kDisconnected;
    i.last_error = reason;
    i.updated_at_ms = clock.now_ms();
    c.access_token.clear();
    c.refresh_token.clear();
    c.access_expires_at_ms = 0;
    changed = true;
    if (Status put = store.put_connection(c); !put.ok()) return put;
    // REL-7: Lever revoked at some moment after it last accepted the token
    // (in this process); the connected period ends just before that, as a
    // hire in the same millisecond may already be after the revoke.
    const auto ok_at = lever_ok_at(c.id);
    const auto end = ok_at ? std::optional<int64_t>(*ok_at - 1) : std::nullopt;
    if (Status ended = end_connected_period(*this, c.company, end); !ended.ok()) return ended;
    return store.put_integration(i);
  });
  if (!s.ok()) {
    log.write(
        fmt::format("lever {}: could not record the revocation: {}", connection_id, s.message()));
  } else if (changed) {
    log.write(
        fmt::format("lever {}: access revoked ({}); status disconnected", connection_id, reason));
  }
}

void wipe_secrets(Connection& c) {
  c.access_token.clear();
  c.refresh_token.clear();
  c.access_expires_at_ms = 0;
  c.signature_token.clear();
}

ApiReply error_reply(int status, std::string_view code, std::string_view message) {
  ApiReply reply;
  reply.status = status;
  reply.body = {{"error", {{"code", code}, {"message", message}}}};
  return reply;
}

ApiReply down_reply() { return error_reply(503, "unavailable", "the sync core is down"); }

}  // namespace hiresync
