#include "sync/lever_session.h"

#include <fmt/format.h>

namespace hiresync {

LeverSession::LeverSession(const LeverPorts& ports, std::string connection_id)
    : ports_(ports),
      connection_id_(std::move(connection_id)),
      api_(ports.http, ports.settings.config().lever_api_url, ports.clock),
      oauth_(ports.http, ports.settings.lever_oauth()) {}

template <typename T>
Result<T> LeverSession::call(const std::function<Result<T>(const std::string& token)>& request) {
  auto token = access_token(std::nullopt);
  if (!token.ok()) return token.status();
  Result<T> result = request(*token);
  if (result.ok()) ports_.connections.note_ok(connection_id_);
  if (result.ok() || result.status().code() != Status::Code::kUnauthenticated) return result;
  // A 401: the token expired early or was revoked. Refresh once, retry once.
  auto renewed = access_token(*token);
  if (!renewed.ok()) return renewed.status();
  result = request(*renewed);
  if (result.ok()) ports_.connections.note_ok(connection_id_);
  if (!result.ok() && result.status().code() == Status::Code::kUnauthenticated) {
    return Status::Unauthenticated("Lever refused a freshly refreshed access token");
  }
  return result;
}

Result<std::string> LeverSession::access_token(const std::optional<std::string>& rejected) {
  if (!rejected && !cached_token_.empty() &&
      cached_expires_at_ms_ - ports_.clock.now_ms() > kRefreshMarginMs) {
    return cached_token_;
  }
  auto token = load_or_refresh(rejected);
  if (token.ok()) {
    cached_token_ = *token;
  } else {
    cached_token_.clear();
  }
  return token;
}

Result<std::string> LeverSession::load_or_refresh(const std::optional<std::string>& rejected) {
  std::lock_guard refresh_lock(ports_.connections.refresh_lock());
  auto loaded = ports_.store.call([&](Store& db) { return db.connection(connection_id_); });
  if (!loaded.ok()) return Status::Unavailable("the store is unavailable");
  const std::optional<Connection>& conn = *loaded;
  if (!conn || (conn->access_token.empty() && conn->refresh_token.empty())) {
    return Status::Unauthenticated("the core holds no Lever credentials for this connection");
  }
  const int64_t now = ports_.clock.now_ms();
  const bool fresh = !conn->access_token.empty() &&
                     conn->access_expires_at_ms - now > kRefreshMarginMs &&
                     !(rejected && *rejected == conn->access_token);
  if (fresh) {
    cached_expires_at_ms_ = conn->access_expires_at_ms;
    return conn->access_token;
  }
  if (conn->refresh_token.empty()) {
    return Status::Unauthenticated("the Lever access token expired and there is no refresh token");
  }

  const std::string spent = conn->refresh_token;
  LeverConnections::UnstoredPair pair;
  if (auto held = ports_.connections.unstored(connection_id_, spent)) {
    // An earlier refresh rotated `spent` but could not store the answer:
    // store that pair now rather than present a spent token again.
    pair = std::move(*held);
  } else {
    auto grant = oauth_.refresh(spent);
    if (!grant.ok()) return grant.status();
    pair = {spent, grant->access_token, grant->refresh_token.empty() ? spent : grant->refresh_token,
            now + grant->expires_in_s * 1000};
    // Lever has rotated the pair; until the commit below only this process
    // knows the new one. Nothing else happens in between (no I/O but the one
    // local commit), and the stored row keeps the previous pair until then, so
    // a restart retries `spent`: Lever's reuse window for a just-rotated
    // refresh token answers it with a fresh pair (docs/decisions/core.md,
    // "Crash between refresh and store").
    if (Status stop = ports_.crash.crash_point("after_refresh"); !stop.ok()) return stop;
  }
  Status stored = ports_.store.atomically([&](Store& db) -> Status {
    auto current = db.connection(connection_id_);
    if (!current.ok()) return current.status();
    // Disconnected or replaced while Lever answered: the new tokens are not wanted.
    if (!current->has_value() || (*current)->refresh_token != spent) {
      return Status::Unauthenticated("the Lever connection was disconnected meanwhile");
    }
    Connection c = std::move(**current);
    c.access_token = pair.access_token;
    c.refresh_token = pair.refresh_token;
    c.access_expires_at_ms = pair.access_expires_at_ms;
    return db.put_connection(c);
  });
  if (!stored.ok()) {
    if (stored.code() == Status::Code::kUnauthenticated) {
      ports_.connections.forget_unstored(connection_id_);
      return stored;
    }
    ports_.log.write(
        fmt::format("lever {}: could not store the rotated tokens, kept until the "
                    "store answers: {}",
                    connection_id_, stored.message()));
    ports_.connections.hold_unstored(connection_id_, std::move(pair));
    return Status::Unavailable("the rotated Lever tokens could not be stored");
  }
  ports_.connections.forget_unstored(connection_id_);
  ports_.log.write(fmt::format("lever {}: access token refreshed", connection_id_));
  cached_expires_at_ms_ = pair.access_expires_at_ms;
  return pair.access_token;
}

Result<lever::Opportunity> LeverSession::opportunity(const std::string& id) {
  return call<lever::Opportunity>(
      [&](const std::string& token) { return api_.opportunity(token, id); });
}

Result<std::vector<lever::Offer>> LeverSession::offers(const std::string& opportunity_id) {
  return call<std::vector<lever::Offer>>(
      [&](const std::string& token) { return api_.offers(token, opportunity_id); });
}

Result<lever::Posting> LeverSession::posting(const std::string& id) {
  return call<lever::Posting>([&](const std::string& token) { return api_.posting(token, id); });
}

Result<lever::User> LeverSession::user(const std::string& id) {
  return call<lever::User>([&](const std::string& token) { return api_.user(token, id); });
}

Result<std::vector<lever::Webhook>> LeverSession::webhooks() {
  return call<std::vector<lever::Webhook>>(
      [&](const std::string& token) { return api_.webhooks(token); });
}

Result<lever::Webhook> LeverSession::create_webhook(const std::string& url,
                                                    const std::string& event) {
  return call<lever::Webhook>(
      [&](const std::string& token) { return api_.create_webhook(token, url, event); });
}

Result<std::vector<lever::ArchiveReason>> LeverSession::hired_archive_reasons() {
  return call<std::vector<lever::ArchiveReason>>(
      [&](const std::string& token) { return api_.hired_archive_reasons(token); });
}

Result<std::vector<lever::ArchivedOpportunity>> LeverSession::archived_since(
    int64_t since_ms, const std::vector<std::string>& reason_ids) {
  return call<std::vector<lever::ArchivedOpportunity>>(
      [&](const std::string& token) { return api_.archived_since(token, since_ms, reason_ids); });
}

Status LeverSession::delete_webhook(const std::string& id) {
  // Status is not a Result; wrap it in one for call().
  auto result = call<bool>([&](const std::string& token) -> Result<bool> {
    Status s = api_.delete_webhook(token, id);
    if (!s.ok()) return s;
    return true;
  });
  return result.ok() ? Status::Ok() : result.status();
}

}  // namespace hiresync
