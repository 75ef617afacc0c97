// Lever's OAuth 2.0 authorization-code flow for partner apps (reference
// lever-api.md §1): the authorize URL, the code exchange and the refresh,
// with form-encoded bodies and client_secret_post.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "ports/http_client.h"

namespace hiresync::lever {

// The least the sync needs (SETUP-3): read the hire (opportunity, offers,
// posting, users, contact, stages, archive reasons), manage its own webhook,
// and a refresh token. confidential:access:admin because a hire on a
// confidential posting is still a hire; no files:*, resumes:* or write scope
// on candidate data.
inline constexpr std::string_view kScopes =
    "offline_access opportunities:read:admin offers:read:admin postings:read:admin "
    "users:read:admin contact:read:admin archive_reasons:read:admin stages:read:admin "
    "webhooks:read:admin webhooks:write:admin confidential:access:admin";

struct OAuthSettings {
  std::string auth_url;  // base of /authorize and /oauth/token
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
  std::string audience;  // <api base>/v1/
};

// Where to send the admin's browser: /authorize with client_id, redirect_uri,
// response_type=code, state, audience, scope and prompt=consent.
std::string authorize_url(const OAuthSettings& settings, std::string_view state);

struct TokenGrant {
  std::string access_token;
  std::string refresh_token;  // empty when Lever sent none (then keep the old one)
  int64_t expires_in_s = 3600;
};

// kUnauthenticated: Lever refused the grant (invalid_grant after a revoke, a
// used or unknown code, a bad client secret) — only a new consent helps.
// kUnavailable: 429, 5xx, a transport error or an unreadable answer — try later.
// Messages name Lever's `error` code at most; never a code, token or secret.
class OAuthClient {
 public:
  OAuthClient(HttpClient& http, OAuthSettings settings);
  Result<TokenGrant> exchange_code(const std::string& code);
  Result<TokenGrant> refresh(const std::string& refresh_token);

  // After a call that failed with Lever's 429: how long to wait (as
  // DataApi::rate_limited_for_ms). nullopt after any other outcome.
  std::optional<int64_t> rate_limited_for_ms() const { return rate_limited_for_ms_; }

 private:
  Result<TokenGrant> request_token(const std::string& form, std::string_view what);
  HttpClient& http_;
  OAuthSettings settings_;
  std::optional<int64_t> rate_limited_for_ms_;
};

Result<TokenGrant> parse_token_response(const std::string& body);

}  // namespace hiresync::lever
