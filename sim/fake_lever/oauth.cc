// Lever's OAuth server (an Auth0 tenant in reality): the consent screen, the
// token endpoint with the authorization_code and refresh_token grants, and
// revocation from Settings › Integrations and API › Authorized Apps.
// Lifetimes from shared/reference/lever-api.md §1.3: codes 10 minutes (single
// use), access tokens 1 hour, refresh tokens 1 year or 90 days idle, rotated.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <httplib.h>

#include "common/markup.h"
#include "fake_lever/impl.h"

namespace sim::lever {

namespace {

constexpr int64_t kCodeLifetimeMs = 10 * kMinuteMs;
constexpr int64_t kAccessTokenLifetimeMs = kHourMs;
constexpr int64_t kRefreshIdleMs = 90 * kDayMs;
constexpr int64_t kRefreshLifetimeMs = 365 * kDayMs;

bool contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string with_query(const std::string& uri, const std::string& query) {
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + query;
}

Reply html(int status, const std::string& body, std::string note = {}) {
  Reply r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!doctype html><html><head><title>Lever (fake)</title></head><body>" + body +
           "</body></html>";
  r.note = std::move(note);
  return r;
}

}  // namespace

Result<std::string> FakeLever::Impl::consent_locked(const std::string& authorize_url,
                                                    const std::string& actor, bool accept) {
  const size_t q = authorize_url.find('?');
  const Params p = parse_params(q == std::string::npos ? "" : authorize_url.substr(q + 1));
  const std::string client_id = param(p, "client_id");
  auto app = apps.find(client_id);
  // Never redirect to a URI Lever cannot trust: these two are error pages.
  if (app == apps.end()) {
    return Status::InvalidArgument(fmt::format("unknown OAuth client_id '{}'", client_id));
  }
  const std::string redirect_uri = param(p, "redirect_uri");
  if (!contains(app->second.redirect_uris, redirect_uri)) {
    return Status::InvalidArgument(fmt::format(
        "redirect_uri '{}' is not a registered callback of app {}", redirect_uri, client_id));
  }
  const std::string state = param(p, "state");
  auto refuse = [&](const char* error, const std::string& why) -> Result<std::string> {
    return with_query(redirect_uri, fmt::format("error={}&error_description={}&state={}", error,
                                                url_encode(why), url_encode(state)));
  };
  for (const char* key :
       {"client_id", "redirect_uri", "response_type", "state", "audience", "scope", "prompt"}) {
    if (p.count(key) > 1) return refuse("invalid_request", fmt::format("{} is given twice", key));
  }
  if (param(p, "response_type") != "code") {
    return refuse("invalid_request", "response_type must be code");
  }
  if (state.empty()) return refuse("invalid_request", "state is required");
  std::vector<std::string> scopes = split_nonempty(param(p, "scope"), ' ');
  if (scopes.empty()) return refuse("invalid_scope", "no scope requested");
  for (const auto& s : scopes) {
    if (!contains(app->second.scopes, s)) {
      return refuse("invalid_scope", fmt::format("scope {} is not registered for this app", s));
    }
  }
  if (p.count("audience") == 0) {
    // Lever's symptom: without an audience the consent screen offers only offline_access.
    scopes.erase(std::remove_if(scopes.begin(), scopes.end(),
                                [](const std::string& s) { return s != "offline_access"; }),
                 scopes.end());
  } else if (param(p, "audience") != base_url + "/v1/") {
    return refuse("invalid_request", fmt::format("audience must be {}/v1/", base_url));
  }

  // The person at the screen decides the account.
  Account* account = nullptr;
  std::string user_id;
  if (actor.empty()) {
    if (accounts.size() != 1) {
      return Status::InvalidArgument("name the Lever user who consents (several accounts)");
    }
    account = &accounts.begin()->second;
    Result<std::string> id = resolve_actor(*account, "");
    if (!id.ok()) return id.status();
    user_id = *id;
  } else {
    for (auto& [id, acc] : accounts) {
      Result<std::string> found = resolve_actor(acc, actor);
      if (found.ok()) {
        account = &acc;
        user_id = *found;
      } else if (found.status().code() == Status::Code::kPermissionDenied) {
        return refuse("access_denied", found.status().message());
      }
    }
    if (account == nullptr) {
      return refuse("access_denied", fmt::format("{} is not a user of any Lever account", actor));
    }
  }
  const json& user = account->users.find(user_id)->obj();
  if (!can_manage_integrations(*account, user)) {
    return refuse("access_denied",
                  fmt::format("{} ({}) lacks the permission \"Manage API credentials and manage "
                              "integrations\"",
                              field(user, "email").get<std::string>(),
                              field(user, "accessRole").get<std::string>()));
  }
  if (!accept) return refuse("access_denied", "The user declined the authorization request");

  grants.push_back(Grant{account->id, client_id, user_id, scopes, now(), false});
  const std::string code = new_secret(32);
  codes[code] =
      AuthCode{client_id, redirect_uri, grants.size() - 1, now() + kCodeLifetimeMs, false};
  return with_query(redirect_uri, "code=" + url_encode(code) + "&state=" + url_encode(state));
}

Reply FakeLever::Impl::http_authorize_page(const Call& call) {
  const size_t q = call.http.target.find('?');
  const std::string query = q == std::string::npos ? "" : call.http.target.substr(q + 1);
  const Params p = parse_params(query);
  auto app = apps.find(param(p, "client_id"));
  if (app == apps.end() || !contains(app->second.redirect_uris, param(p, "redirect_uri"))) {
    return html(400, "<p>This authorization link is invalid: unknown app or callback.</p>",
                "invalid client or redirect_uri");
  }
  return html(200, fmt::format("<h1>{} wants to access your Lever account</h1>"
                               "<p>Scopes: {}</p>"
                               "<form method=\"post\" action=\"/authorize\">"
                               "<input type=\"hidden\" name=\"authorize_query\" value=\"{}\">"
                               "<label>Your Lever email <input name=\"email\"></label>"
                               "<button name=\"decision\" value=\"accept\">Accept</button>"
                               "<button name=\"decision\" value=\"decline\">Decline</button>"
                               "</form>",
                               markup_escape(app->second.name), markup_escape(param(p, "scope")),
                               markup_escape(query)));
}

Reply FakeLever::Impl::http_authorize_submit(const Call& call) {
  const Params form = parse_params(call.http.body);
  const std::string url = base_url + "/authorize?" + param(form, "authorize_query");
  Result<std::string> target =
      consent_locked(url, param(form, "email"), param(form, "decision") == "accept");
  if (!target.ok())
    return html(400, "<p>" + markup_escape(target.status().message()) + "</p>", "refused");
  Reply r;
  r.status = 302;
  r.content_type = "text/plain";
  r.headers.emplace_back("Location", *target);
  r.note = "redirect to the app";
  return r;
}

Reply FakeLever::Impl::http_token(const Call& call) {
  // Lever's docs and every client use a form body; a JSON body is refused so a
  // client that sends one is caught here rather than in production.
  if (call.http.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) !=
      0) {
    return oauth_error(400, "invalid_request",
                       "The token endpoint takes application/x-www-form-urlencoded bodies");
  }
  const Params form = parse_params(call.http.body);
  const std::string grant_type = param(form, "grant_type");
  if (grant_type.empty()) return oauth_error(400, "invalid_request", "grant_type is required");
  if (grant_type == "authorization_code") return exchange_code(form);
  if (grant_type == "refresh_token") return exchange_refresh_token(form);
  return oauth_error(400, "unsupported_grant_type",
                     "grant_type must be authorization_code or refresh_token");
}

namespace {

// Client authentication in the body (client_secret_post).
std::optional<Reply> check_client(const std::map<std::string, OAuthApp>& apps, const Params& form) {
  const std::string client_id = param(form, "client_id");
  if (client_id.empty()) return oauth_error(400, "invalid_request", "client_id is required");
  auto app = apps.find(client_id);
  if (app == apps.end() || param(form, "client_secret") != app->second.client_secret) {
    return oauth_error(401, "invalid_client", "Client authentication failed");
  }
  return std::nullopt;
}

Reply invalid_grant(const std::string& description, const std::string& why) {
  Reply r = oauth_error(403, "invalid_grant", description);
  r.note = "invalid_grant: " + why;
  return r;
}

}  // namespace

Reply FakeLever::Impl::exchange_code(const Params& form) {
  if (auto r = check_client(apps, form)) return *r;
  const std::string code = param(form, "code"), redirect_uri = param(form, "redirect_uri");
  if (code.empty() || redirect_uri.empty()) {
    return oauth_error(400, "invalid_request", "code and redirect_uri are required");
  }
  auto it = codes.find(code);
  if (it == codes.end()) return invalid_grant("Invalid authorization code", "unknown code");
  AuthCode& c = it->second;
  if (c.used) return invalid_grant("Invalid authorization code", "code already used");
  if (now() >= c.expires_ms) return invalid_grant("Invalid authorization code", "code expired");
  if (c.client_id != param(form, "client_id")) {
    return invalid_grant("Invalid authorization code", "code of another client");
  }
  if (c.redirect_uri != redirect_uri) {
    return invalid_grant("redirect_uri does not match the authorization request",
                         "redirect_uri mismatch");
  }
  if (grants[c.grant].revoked) return invalid_grant("Invalid authorization code", "app revoked");
  c.used = true;
  return issue_tokens(c.grant);
}

Reply FakeLever::Impl::exchange_refresh_token(const Params& form) {
  if (auto r = check_client(apps, form)) return *r;
  const std::string token = param(form, "refresh_token");
  if (token.empty()) return oauth_error(400, "invalid_request", "refresh_token is required");
  auto it = refresh_tokens.find(token);
  static const std::string kInvalid = "Unknown or invalid refresh token.";
  if (it == refresh_tokens.end()) return invalid_grant(kInvalid, "unknown refresh token");
  RefreshToken& t = it->second;
  const Grant& grant = grants[t.grant];
  if (grant.client_id != param(form, "client_id")) return invalid_grant(kInvalid, "another client");
  if (grant.revoked) return invalid_grant(kInvalid, "app revoked");
  if (grant.family_revoked) return invalid_grant(kInvalid, "token family revoked");
  const LeverSwitches& switches = accounts.at(grant.account).settings.switches;
  if (t.rotated_ms && now() - *t.rotated_ms >= switches.refresh_grace_ms) {
    // Auth0's reuse detection: a rotated token presented again may be a
    // stolen copy, so the whole family dies (refresh_reuse = revoke_family).
    if (switches.refresh_reuse == RefreshReuse::kRevokeFamily) {
      grants[t.grant].family_revoked = true;
      return invalid_grant(kInvalid, "rotated refresh token reused: token family revoked");
    }
    return invalid_grant(kInvalid, "refresh token already rotated");
  }
  if (now() - grant.created_ms >= kRefreshLifetimeMs)
    return invalid_grant(kInvalid, "older than a year");
  if (now() - t.issued_ms >= kRefreshIdleMs) return invalid_grant(kInvalid, "idle 90 days");
  if (!t.rotated_ms) t.rotated_ms = now();
  return issue_tokens(t.grant);
}

Reply FakeLever::Impl::issue_tokens(size_t grant) {
  const Grant& g = grants[grant];
  const std::string access = new_secret(64);
  // The bucket is per account and app; a std::map node never moves.
  auto bucket = buckets.try_emplace({g.account, g.client_id},
                                    Bucket{static_cast<double>(knobs.rate_limit_burst), now()});
  access_tokens[access] = AccessToken{grant, now() + kAccessTokenLifetimeMs, &bucket.first->second};
  json body = {{"access_token", access},
               {"token_type", "Bearer"},
               {"scope", fmt::format("{}", fmt::join(g.scopes, " "))},
               {"expires_in", kAccessTokenLifetimeMs / 1000}};
  // A refresh token only for offline_access, as Lever documents.
  if (contains(g.scopes, "offline_access")) {
    const std::string refresh = new_secret(60, "v1.");
    refresh_tokens[refresh] = RefreshToken{grant, now(), std::nullopt};
    body["refresh_token"] = refresh;
  }
  return json_reply(200, body, "tokens issued");
}

Result<std::string> FakeLever::Impl::reuse_refresh_token(const std::string& account,
                                                         const std::string& client_id) {
  // The newest refresh token of the app in the account that was rotated.
  // Ties (one instant) go to the later-issued token, then the larger string,
  // so the choice never depends on the hash map's order.
  const std::string* spent = nullptr;
  std::tuple<int64_t, int64_t, std::string> best{INT64_MIN, INT64_MIN, ""};
  for (const auto& [token, t] : refresh_tokens) {
    const Grant& g = grants[t.grant];
    if (g.account != account || g.client_id != client_id || !t.rotated_ms) continue;
    std::tuple<int64_t, int64_t, std::string> key{*t.rotated_ms, t.issued_ms, token};
    if (spent == nullptr || key > best) {
      best = std::move(key);
      spent = &token;
    }
  }
  if (spent == nullptr) {
    return Status::NotFound(fmt::format(
        "no refresh token of app {} in account {} has been rotated yet", client_id, account));
  }
  auto app = apps.find(client_id);
  if (app == apps.end()) return Status::NotFound("unknown OAuth client_id " + client_id);
  Params form = {{"grant_type", "refresh_token"},
                 {"client_id", client_id},
                 {"client_secret", app->second.client_secret},
                 {"refresh_token", *spent}};
  const Reply r = exchange_refresh_token(form);
  return r.status == 200 ? std::string("accepted (inside the grace window)") : "refused: " + r.note;
}

bool FakeLever::Impl::app_authorized(const std::string& account,
                                     const std::string& client_id) const {
  for (const Grant& g : grants) {
    if (g.account == account && g.client_id == client_id && !g.revoked) return true;
  }
  return false;
}

hiresync::Result<std::string> FakeLever::consent(const std::string& authorize_url,
                                                 const std::string& actor, bool accept) {
  std::lock_guard lock(impl_->mu);
  return impl_->consent_locked(authorize_url, actor, accept);
}

hiresync::Result<LeverSwitches> FakeLever::switches(const std::string& account) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->accounts.find(account);
  if (it == impl_->accounts.end()) return Status::NotFound("no Lever account " + account);
  return it->second.settings.switches;
}

hiresync::Result<std::string> FakeLever::reuse_refresh_token(const std::string& account,
                                                             const std::string& client_id) {
  std::lock_guard lock(impl_->mu);
  if (Result<Account*> a = impl_->find_account(account); !a.ok()) return a.status();
  return impl_->reuse_refresh_token(account, client_id);
}

hiresync::Status FakeLever::revoke(const std::string& account_id, const std::string& client_id,
                                   const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> account = impl_->find_account(account_id);
  if (!account.ok()) return account.status();
  Status allowed = impl_->require_manage_integrations(**account, actor);
  if (!allowed.ok()) return allowed;
  bool any = false;
  // Tokens, codes and webhooks all check their grant, so this one flag cuts
  // them off (access tokens and webhooks per the knobs).
  for (Grant& g : impl_->grants) {
    if (g.account == account_id && g.client_id == client_id && !g.revoked) {
      g.revoked = true;
      any = true;
    }
  }
  if (!any) {
    return Status::NotFound(
        fmt::format("app {} is not authorized in Lever account {}", client_id, account_id));
  }
  return Status::Ok();
}

}  // namespace sim::lever
