#include "lever/oauth.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "lever/rate_limit.h"
#include "lever/url.h"

namespace hiresync::lever {
namespace {

// Lever's (Auth0's) `error` field, kept only if it looks like an OAuth error
// code, so nothing echoed from the request can reach a message.
std::string error_code_of(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return "";
  auto it = json.find("error");
  if (it == json.end() || !it->is_string()) return "";
  std::string code = it->get<std::string>();
  if (code.size() > 40) return "";
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return "";
  }
  return code;
}

}  // namespace

std::string authorize_url(const OAuthSettings& s, std::string_view state) {
  std::string base = s.auth_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/authorize?" +
         form_encode({{"client_id", s.client_id},
                      {"redirect_uri", s.redirect_uri},
                      {"response_type", "code"},
                      {"state", std::string(state)},
                      {"audience", s.audience},
                      {"scope", std::string(kScopes)},
                      {"prompt", "consent"}});
}

OAuthClient::OAuthClient(HttpClient& http, OAuthSettings settings)
    : http_(http), settings_(std::move(settings)) {}

Result<TokenGrant> OAuthClient::exchange_code(const std::string& code) {
  return request_token(form_encode({{"grant_type", "authorization_code"},
                                    {"client_id", settings_.client_id},
                                    {"client_secret", settings_.client_secret},
                                    {"code", code},
                                    {"redirect_uri", settings_.redirect_uri}}),
                       "the authorization code");
}

Result<TokenGrant> OAuthClient::refresh(const std::string& refresh_token) {
  return request_token(form_encode({{"grant_type", "refresh_token"},
                                    {"client_id", settings_.client_id},
                                    {"client_secret", settings_.client_secret},
                                    {"refresh_token", refresh_token}}),
                       "the refresh token");
}

Result<TokenGrant> OAuthClient::request_token(const std::string& form, std::string_view what) {
  rate_limited_for_ms_.reset();
  const BaseUrl base = split_base_url(settings_.auth_url);
  HttpRequest request;
  request.method = "POST";
  request.target = base.path + "/oauth/token";
  request.headers["Content-Type"] = "application/x-www-form-urlencoded";
  request.headers["Accept"] = "application/json";
  request.body = form;
  auto response = http_.send(base.origin, request);
  if (!response.ok()) {
    return Status::Unavailable("Lever's token endpoint is unreachable");
  }
  const int code = response->status;
  if (code == 429) rate_limited_for_ms_ = retry_after_ms(*response);
  if (code == 429 || code >= 500) {
    return Status::Unavailable(fmt::format("Lever's token endpoint answered {}", code));
  }
  if (code < 200 || code >= 300) {
    const std::string error = error_code_of(response->body);
    return Status::Unauthenticated(
        fmt::format("Lever refused {} ({}{})", what, code, error.empty() ? "" : ", " + error));
  }
  return parse_token_response(response->body);
}

Result<TokenGrant> parse_token_response(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return Status::Unavailable("Lever's token answer is not JSON");
  TokenGrant grant;
  if (auto it = json.find("access_token"); it != json.end() && it->is_string()) {
    grant.access_token = it->get<std::string>();
  }
  if (grant.access_token.empty()) return Status::Unavailable("Lever's token answer has no token");
  if (auto it = json.find("refresh_token"); it != json.end() && it->is_string()) {
    grant.refresh_token = it->get<std::string>();
  }
  if (auto it = json.find("expires_in"); it != json.end() && it->is_number()) {
    const double s = it->get<double>();
    if (s > 0 && s < 1e9) grant.expires_in_s = static_cast<int64_t>(s);
  }
  return grant;
}

}  // namespace hiresync::lever
