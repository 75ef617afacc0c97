// The Data API's gatekeeping, in the order Lever applies it: a valid bearer
// token (401), the per account+app token bucket (429), the scope (403), and
// confidential objects (403).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <httplib.h>

#include "fake_lever/impl.h"

namespace sim::lever {

bool ApiCaller::has_scope(const std::string& scope) const {
  const auto& granted = grant->scopes;
  if (std::find(granted.begin(), granted.end(), scope) != granted.end()) return true;
  // Lever describes each write scope as "view and manage".
  const std::string read = ":read:admin";
  if (scope.size() > read.size() &&
      scope.compare(scope.size() - read.size(), read.size(), read) == 0) {
    const std::string write = scope.substr(0, scope.size() - read.size()) + ":write:admin";
    return std::find(granted.begin(), granted.end(), write) != granted.end();
  }
  return false;
}

std::optional<Reply> FakeLever::Impl::authenticate(const Call& call, const std::string& scope,
                                                   ApiCaller& out) {
  const std::string header = call.http.get_header_value("Authorization");
  if (header.size() <= 7 || !iequals(header.substr(0, 7), "Bearer ")) {
    Reply r = api_error(401, "UnauthorizedError", "A valid API key was not provided");
    r.note = "UnauthorizedError: no bearer token";
    return r;
  }
  auto it = access_tokens.find(header.substr(7));
  if (it == access_tokens.end()) {
    Reply r = api_error(401, "UnauthorizedError", "A valid API key was not provided");
    r.note = "UnauthorizedError: unknown token";
    return r;
  }
  const Grant& grant = grants[it->second.grant];
  if (now() >= it->second.expires_ms) {
    Reply r = api_error(401, "UnauthorizedError", "The access token has expired");
    r.note = "UnauthorizedError: expired token";
    return r;
  }
  if (grant.family_revoked) {
    Reply r = api_error(401, "UnauthorizedError", "The access token has been revoked");
    r.note = "UnauthorizedError: token family revoked";
    return r;
  }
  if (grant.revoked && knobs.revoke_kills_live_tokens) {
    Reply r = api_error(401, "UnauthorizedError", "The access token has been revoked");
    r.note = "UnauthorizedError: revoked token";
    return r;
  }
  if (knobs.rate_limit_burst > 0) {
    const double burst = knobs.rate_limit_burst;
    Bucket& bucket = *it->second.bucket;
    bucket.tokens = std::min(burst, bucket.tokens + static_cast<double>(now() - bucket.updated_ms) *
                                                        knobs.rate_limit_per_s / 1000.0);
    bucket.updated_ms = now();
    if (bucket.tokens < 1) {
      Reply r = api_error(429, "TooManyRequestsError", "Rate limit exceeded; retry later");
      // The bucket holds a token again after the refill time, to the millisecond.
      const double refill_ms = (1 - bucket.tokens) * 1000.0 / knobs.rate_limit_per_s;
      for (auto& header : rate_limit_headers(
               accounts.at(grant.account).settings.switches.rate_limit_headers, knobs.retry_after_s,
               now() + static_cast<int64_t>(std::ceil(refill_ms)), knobs.rate_limit_burst))
        r.headers.push_back(std::move(header));
      return r;
    }
    bucket.tokens -= 1;
  }
  out.account = &accounts.at(grant.account);
  out.grant = &grant;
  return require_scope(out, scope);
}

std::optional<Reply> FakeLever::Impl::require_scope(const ApiCaller& caller,
                                                    const std::string& scope) {
  if (caller.has_scope(scope)) return std::nullopt;
  Reply r = api_error(403, "ForbiddenError",
                      fmt::format("This token lacks the scope {} needed here", scope));
  r.note = "ForbiddenError: missing " + scope;
  return r;
}

std::optional<Reply> FakeLever::Impl::check_confidential(const ApiCaller& caller, const json& obj) {
  if (obj.value("confidentiality", "") != "confidential" ||
      caller.has_scope("confidential:access:admin")) {
    return std::nullopt;
  }
  Reply r = api_error(403, "ForbiddenError",
                      "This object is confidential; the scope confidential:access:admin is needed");
  r.note = "ForbiddenError: confidential";
  return r;
}

}  // namespace sim::lever
