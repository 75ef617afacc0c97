// LeverSession: the Lever calls of one connection, each with a good access
// token. It refreshes when the token expires within 5 minutes, and once more
// after a 401; a rotated refresh token is committed to the Store before the new
// access token is used (TOKEN-1). Crash point "after_refresh": Lever answered
// the refresh, the new pair is not stored yet. If the store fails there, the
// pair is kept in LeverConnections and stored by the next refresh, which
// never presents the spent token again.
//
// kUnauthenticated from any call means the connection is dead: Lever refused
// the refresh (invalid_grant) or refused a freshly refreshed token. The other
// codes are DataApi's (lever/api.h).
//
// Threads: one session per job or request; sessions on several threads share
// LeverConnections::refresh_lock(), so only one refresh runs at a time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lever/api.h"
#include "lever/oauth.h"
#include "ports/clock.h"
#include "ports/crash_points.h"
#include "ports/guarded_store.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "sync/lever_connections.h"
#include "sync/settings.h"

namespace hiresync {

// Refresh this long before the access token expires.
inline constexpr int64_t kRefreshMarginMs = 5 * 60 * 1000;

// What a LeverSession uses; every session of the core shares them.
struct LeverPorts {
  const CoreSettings& settings;
  HttpClient& http;
  const Clock& clock;
  GuardedStore& store;
  Log& log;
  CrashPoints& crash;
  LeverConnections& connections;
};

class LeverSession {
 public:
  LeverSession(const LeverPorts& ports, std::string connection_id);
  const std::string& connection_id() const { return connection_id_; }

  Result<lever::Opportunity> opportunity(const std::string& id);
  Result<std::vector<lever::Offer>> offers(const std::string& opportunity_id);
  Result<lever::Posting> posting(const std::string& id);
  Result<lever::User> user(const std::string& id);
  Result<std::vector<lever::Webhook>> webhooks();
  Result<lever::Webhook> create_webhook(const std::string& url, const std::string& event);
  Status delete_webhook(const std::string& id);
  Result<std::vector<lever::ArchiveReason>> hired_archive_reasons();
  Result<std::vector<lever::ArchivedOpportunity>> archived_since(
      int64_t since_ms, const std::vector<std::string>& reason_ids);

  // After a call that failed with Lever's 429: how long to wait.
  std::optional<int64_t> rate_limited_for_ms() const { return api_.rate_limited_for_ms(); }

 private:
  template <typename T>
  Result<T> call(const std::function<Result<T>(const std::string& token)>& request);
  // The stored access token if good for 5 more minutes and not `rejected`;
  // else a refreshed one.
  Result<std::string> access_token(const std::optional<std::string>& rejected);
  Result<std::string> load_or_refresh(const std::optional<std::string>& rejected);

  LeverPorts ports_;
  std::string connection_id_;
  lever::DataApi api_;
  lever::OAuthClient oauth_;
  // The token this session last used, so a job's calls read the store once.
  std::string cached_token_;
  int64_t cached_expires_at_ms_ = 0;
};

}  // namespace hiresync
