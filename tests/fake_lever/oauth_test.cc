// Contract tests: Lever's OAuth server — consent, the code exchange, refresh
// rotation and lifetimes on the virtual clock, revocation.
#include "support.h"

using namespace lever_test;

namespace {

json body_of(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

// A URL with one query parameter replaced (or removed when value is empty).
std::string with_param(const std::string& url, const std::string& name, const std::string& value) {
  const size_t q = url.find('?');
  std::string out = url.substr(0, q + 1);
  std::string rest = url.substr(q + 1);
  bool first = true;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find('&', start);
    if (end == std::string::npos) end = rest.size();
    std::string pair = rest.substr(start, end - start);
    if (pair.rfind(name + "=", 0) == 0) pair = value.empty() ? "" : name + "=" + form_encode(value);
    if (!pair.empty()) {
      out += (first ? "" : "&") + pair;
      first = false;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("consent by a super admin redirects to the app with a code and the state") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(kSyncScopes, "st-42"), "sam@acme.example", true);
  REQUIRE(redirect.ok());
  CHECK(redirect->rfind(kRedirect + "?code=", 0) == 0);
  auto q = query_of(*redirect);
  CHECK(q["state"] == "st-42");
  CHECK(q["code"].size() >= 20);
  CHECK(q.count("error") == 0);
}

TEST_CASE("consent with an unknown client or callback is an error, never a redirect") {
  Harness h;
  const std::string url = GENERATE(as<std::string>{}, "client", "redirect");
  const std::string authorize = url == "client"
                                    ? h.authorize_url(kSyncScopes, "s", kRedirect, "someone-else")
                                    : h.authorize_url(kSyncScopes, "s", kRedirect + "/evil");
  auto redirect = h.lever.consent(authorize, "sam@acme.example", true);
  CHECK_FALSE(redirect.ok());
}

TEST_CASE("a malformed authorize request redirects with the OAuth error and the state") {
  Harness h;
  auto [param, value, error] = GENERATE(table<std::string, std::string, std::string>({
      {"response_type", "token", "invalid_request"},
      {"state", "", "invalid_request"},
      {"audience", "https://api.lever.co/v1/", "invalid_request"},
      {"scope", "offline_access files:write:admin", "invalid_scope"},
      {"scope", "", "invalid_scope"},
  }));
  CAPTURE(param, value);
  const std::string url = with_param(h.authorize_url(), param, value);
  auto redirect = h.lever.consent(url, "sam@acme.example", true);
  REQUIRE(redirect.ok());
  auto q = query_of(*redirect);
  CHECK(q["error"] == error);
  CHECK_FALSE(q["error_description"].empty());
  CHECK(q.count("code") == 0);
  if (param != "state") CHECK(q["state"] == "state-1");
}

TEST_CASE("only a user holding Manage API credentials and manage integrations can consent") {
  Harness h;
  auto [actor, allowed] = GENERATE(table<std::string, bool>({
      {"sam@acme.example", true},     // super admin
      {"SAM@ACME.EXAMPLE", true},     // emails match case-insensitively
      {"priya@acme.example", false},  // admin
      {"tom@acme.example", false},    // team member
      {"old@acme.example", false},    // a deactivated super admin
      {"stranger@else.example", false},
  }));
  CAPTURE(actor);
  auto redirect = h.lever.consent(h.authorize_url(), actor, true);
  REQUIRE(redirect.ok());
  auto q = query_of(*redirect);
  if (allowed) {
    CHECK(q.count("code") == 1);
  } else {
    CHECK(q["error"] == "access_denied");
    CHECK_FALSE(q["error_description"].empty());
    CHECK(q["state"] == "state-1");
  }
}

TEST_CASE("which roles may manage integrations is an account setting") {
  Harness h;
  REQUIRE(h.lever
              .set("acme", "/settings/roles_with_manage_integrations",
                   json::array({"super admin", "admin"}))
              .ok());
  auto redirect = h.lever.consent(h.authorize_url(), "priya@acme.example", true);
  REQUIRE(redirect.ok());
  CHECK(query_of(*redirect).count("code") == 1);
}

TEST_CASE("declining consent redirects with access_denied") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", false);
  REQUIRE(redirect.ok());
  CHECK(query_of(*redirect)["error"] == "access_denied");
}

TEST_CASE("the code exchange returns Lever's token response") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  HttpResponse r = h.token_request(h.code_form(query_of(*redirect)["code"]));
  REQUIRE(r.status == 200);
  const json body = body_of(r);
  CHECK(body["token_type"] == "Bearer");
  CHECK(body["expires_in"] == 3600);
  CHECK(body["scope"] == kSyncScopes);
  CHECK(body["access_token"].is_string());
  CHECK(body["refresh_token"].get<std::string>().rfind("v1.", 0) == 0);
}

TEST_CASE("no refresh token without offline_access") {
  Harness h;
  const Tokens t = h.connect("opportunities:read:admin");
  CHECK(t.refresh.empty());
}

TEST_CASE("without an audience only offline_access is granted") {
  Harness h;
  auto redirect =
      h.lever.consent(with_param(h.authorize_url(), "audience", ""), "sam@acme.example", true);
  HttpResponse r = h.token_request(h.code_form(query_of(*redirect)["code"]));
  REQUIRE(r.status == 200);
  const json body = body_of(r);
  CHECK(body["scope"] == "offline_access");
  CHECK(h.get("/v1/opportunities", body["access_token"]).status == 403);
}

TEST_CASE("an authorization code works once") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  const std::string form = h.code_form(query_of(*redirect)["code"]);
  CHECK(h.token_request(form).status == 200);
  HttpResponse again = h.token_request(form);
  CHECK(again.status == 403);
  CHECK(body_of(again)["error"] == "invalid_grant");
}

TEST_CASE("an authorization code expires after 10 virtual minutes") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  const std::string form = h.code_form(query_of(*redirect)["code"]);
  h.clock.advance_by(10 * kMinuteMs);
  HttpResponse r = h.token_request(form);
  CHECK(r.status == 403);
  CHECK(body_of(r)["error"] == "invalid_grant");
}

TEST_CASE("an authorization code is bound to its redirect_uri") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  HttpResponse r = h.token_request(h.code_form(query_of(*redirect)["code"], kRedirect + "?x=1"));
  CHECK(r.status == 403);
  CHECK(body_of(r)["error"] == "invalid_grant");
}

TEST_CASE("a wrong client secret is invalid_client") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  HttpResponse r = h.token_request(h.code_form(query_of(*redirect)["code"], kRedirect, "wrong"));
  CHECK(r.status == 401);
  CHECK(body_of(r)["error"] == "invalid_client");
}

TEST_CASE("the token endpoint refuses malformed requests") {
  Harness h;
  SECTION("a JSON body") {
    HttpResponse r = h.send("POST", "/oauth/token", {}, R"({"grant_type":"refresh_token"})");
    CHECK(r.status == 400);
    CHECK(body_of(r)["error"] == "invalid_request");
  }
  SECTION("no grant_type") {
    HttpResponse r = h.token_request("client_id=" + kClientId);
    CHECK(r.status == 400);
    CHECK(body_of(r)["error"] == "invalid_request");
  }
  SECTION("an unknown grant_type") {
    HttpResponse r = h.token_request("grant_type=password&client_id=" + kClientId);
    CHECK(r.status == 400);
    CHECK(body_of(r)["error"] == "unsupported_grant_type");
  }
  SECTION("an unknown refresh token") {
    HttpResponse r = h.token_request(h.refresh_form("v1.nope"));
    CHECK(r.status == 403);
    CHECK(body_of(r)["error"] == "invalid_grant");
  }
}

TEST_CASE("an access token lives one virtual hour") {
  Harness h;
  const Tokens t = h.connect();
  h.clock.advance_by(kHourMs - 1);
  CHECK(h.get("/v1/stages", t.access).status == 200);
  h.clock.advance_by(1);
  HttpResponse r = h.get("/v1/stages", t.access);
  CHECK(r.status == 401);
  CHECK(body_of(r)["code"] == "UnauthorizedError");
}

TEST_CASE("refresh returns new tokens and the old refresh token dies") {
  Harness h;
  const Tokens first = h.connect();
  h.clock.advance_by(2 * kHourMs);
  HttpResponse r = h.token_request(h.refresh_form(first.refresh));
  REQUIRE(r.status == 200);
  const json fresh = body_of(r);
  CHECK(fresh["refresh_token"] != first.refresh);
  CHECK(fresh["scope"] == kSyncScopes);
  CHECK(h.get("/v1/stages", fresh["access_token"]).status == 200);

  HttpResponse reuse = h.token_request(h.refresh_form(first.refresh));
  CHECK(reuse.status == 403);
  CHECK(body_of(reuse)["error"] == "invalid_grant");
}

TEST_CASE("presenting a rotated refresh token again revokes the whole family (default)") {
  Harness h;
  const Tokens first = h.connect();
  HttpResponse r = h.token_request(h.refresh_form(first.refresh));
  REQUIRE(r.status == 200);
  const json fresh = body_of(r);
  CHECK(h.token_request(h.refresh_form(first.refresh)).status == 403);
  // Auth0's reuse detection: the current pair dies too.
  CHECK(h.get("/v1/stages", fresh["access_token"]).status == 401);
  HttpResponse again = h.token_request(h.refresh_form(fresh["refresh_token"]));
  CHECK(again.status == 403);
  CHECK(body_of(again)["error"] == "invalid_grant");
  // The app stays authorized: a new consent works.
  const Tokens reconnected = h.connect();
  CHECK(h.get("/v1/stages", reconnected.access).status == 200);
}

TEST_CASE("with refresh_reuse allow, a reused refresh token is refused alone") {
  Harness h(world_with({{"refresh_reuse", "allow"}}));
  const Tokens first = h.connect();
  HttpResponse r = h.token_request(h.refresh_form(first.refresh));
  REQUIRE(r.status == 200);
  const json fresh = body_of(r);
  CHECK(h.token_request(h.refresh_form(first.refresh)).status == 403);
  CHECK(h.get("/v1/stages", fresh["access_token"]).status == 200);
  CHECK(h.token_request(h.refresh_form(fresh["refresh_token"])).status == 200);
}

TEST_CASE("the reuse action presents the newest rotated refresh token") {
  Harness h;
  const Tokens first = h.connect();
  CHECK(h.lever.reuse_refresh_token("acme", kClientId).status().code() ==
        hiresync::Status::Code::kNotFound);  // nothing rotated yet
  HttpResponse r = h.token_request(h.refresh_form(first.refresh));
  REQUIRE(r.status == 200);
  auto answer = h.lever.reuse_refresh_token("acme", kClientId);
  REQUIRE(answer.ok());
  CHECK(answer->find("token family revoked") != std::string::npos);
  CHECK(h.get("/v1/stages", body_of(r)["access_token"]).status == 401);
}

TEST_CASE("refresh_grace_s keeps a used refresh token alive for a while") {
  Harness h(world_with({{"refresh_grace_s", 30}}));
  const Tokens t = h.connect();
  REQUIRE(h.token_request(h.refresh_form(t.refresh)).status == 200);
  h.clock.advance_by(29'999);
  CHECK(h.token_request(h.refresh_form(t.refresh)).status == 200);
  h.clock.advance_by(1);
  CHECK(h.token_request(h.refresh_form(t.refresh)).status == 403);
}

TEST_CASE("a refresh token expires after 90 idle days") {
  Harness h;
  const Tokens t = h.connect();
  h.clock.advance_by(90 * kDayMs);
  CHECK(h.token_request(h.refresh_form(t.refresh)).status == 403);
}

TEST_CASE("refresh tokens stop a year after consent, even when used") {
  Harness h;
  std::string refresh = h.connect().refresh;
  for (int day = 80; day < 365; day += 80) {
    h.clock.advance_by(80 * kDayMs);
    HttpResponse r = h.token_request(h.refresh_form(refresh));
    REQUIRE(r.status == 200);
    refresh = body_of(r)["refresh_token"];
  }
  h.clock.advance_by(45 * kDayMs);  // day 365
  CHECK(h.token_request(h.refresh_form(refresh)).status == 403);
}

TEST_CASE("revoking the app kills its refresh and access tokens") {
  Harness h;
  const Tokens t = h.connect();
  REQUIRE(h.lever.revoke("acme", kClientId, "sam@acme.example").ok());
  CHECK(h.get("/v1/stages", t.access).status == 401);
  HttpResponse r = h.token_request(h.refresh_form(t.refresh));
  CHECK(r.status == 403);
  CHECK(body_of(r)["error"] == "invalid_grant");
}

TEST_CASE("with revoke_kills_live_tokens off, an access token lives out its hour") {
  LeverKnobs knobs;
  knobs.revoke_kills_live_tokens = false;
  Harness h(test_world(), knobs);
  const Tokens t = h.connect();
  REQUIRE(h.lever.revoke("acme", kClientId, "").ok());
  CHECK(h.get("/v1/stages", t.access).status == 200);
  CHECK(h.token_request(h.refresh_form(t.refresh)).status == 403);
  h.clock.advance_by(kHourMs);
  CHECK(h.get("/v1/stages", t.access).status == 401);
}

TEST_CASE("a code issued before a revoke cannot be exchanged after it") {
  Harness h;
  auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
  REQUIRE(h.lever.revoke("acme", kClientId, "").ok());
  CHECK(h.token_request(h.code_form(query_of(*redirect)["code"])).status == 403);
}

TEST_CASE("reconnecting after a revoke works") {
  Harness h;
  h.connect();
  REQUIRE(h.lever.revoke("acme", kClientId, "").ok());
  const Tokens again = h.connect();
  CHECK(h.get("/v1/stages", again.access).status == 200);
}

TEST_CASE("revoke needs the manage-integrations permission and an authorized app") {
  Harness h;
  h.connect();
  CHECK(h.lever.revoke("acme", kClientId, "tom@acme.example").code() ==
        hiresync::Status::Code::kPermissionDenied);
  CHECK(h.lever.revoke("acme", "other-app", "").code() == hiresync::Status::Code::kNotFound);
}

TEST_CASE("the consent page works over HTTP for a browser") {
  Harness h;
  const std::string url = h.authorize_url();
  const std::string target = url.substr(h.lever.base_url().size());
  HttpResponse page = h.send("GET", target);
  CHECK(page.status == 200);
  CHECK(page.body.find("<form") != std::string::npos);

  const std::string query = target.substr(target.find('?') + 1);
  HttpResponse submit =
      h.send("POST", "/authorize", {},
             "authorize_query=" + form_encode(query) + "&email=sam%40acme.example&decision=accept",
             "application/x-www-form-urlencoded");
  CHECK(submit.status == 302);
  CHECK(query_of(submit.header("location")).count("code") == 1);

  HttpResponse bad = h.send("GET", "/authorize?client_id=nobody&redirect_uri=x");
  CHECK(bad.status == 400);
}
