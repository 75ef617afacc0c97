// Connecting: start_setup, the OAuth callback, finish, disconnect (SETUP-*, REVOKE-4).
#include <catch2/catch.hpp>

#include "test_support.h"

namespace hiresync {
namespace {

using testing::Canned;
using testing::json_answer;
using testing::World;

std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> out;
  const size_t q = url.find('?');
  if (q == std::string::npos) return out;
  std::string rest = url.substr(q + 1);
  auto decode = [](const std::string& s) {
    std::string d;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        d.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        d.push_back(s[i] == '+' ? ' ' : s[i]);
      }
    }
    return d;
  };
  size_t start = 0;
  while (start <= rest.size()) {
    size_t amp = rest.find('&', start);
    std::string pair =
        rest.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    const size_t eq = pair.find('=');
    out[decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

void script_admin(World& w) {
  w.http.on("GET", "/internal/v1/members", json_answer(200, testing::justworks_members()));
}

// Justworks says dana is an admin; returns the state from the authorize URL.
std::string start(World& w) {
  auto reply = w.core->start_setup(w.sign_in("dana@acme.example"));
  REQUIRE(reply.status == 200);
  return query_of(reply.body["authorize_url"])["state"];
}

void script_lever_consent(World& w) {
  w.http.on("POST", "/oauth/token",
            json_answer(200, {{"access_token", "access-1"},
                              {"refresh_token", "refresh-1"},
                              {"expires_in", 3600}}));
  w.http.on("GET", "/v1/webhooks", json_answer(200, {{"data", nlohmann::json::array()}}));
  w.http.on("POST", "/v1/webhooks",
            json_answer(201, {{"data",
                               {{"id", "wh-new"},
                                {"url", "ignored-by-test"},
                                {"event", "candidateHired"},
                                {"configuration", {{"signatureToken", "sig-token-acme"}}}}}}));
}

// Setup up to awaiting_webhook; returns the new connection id.
std::string connect_until_awaiting(World& w) {
  script_admin(w);
  script_lever_consent(w);
  const std::string state = start(w);
  auto reply = w.core->oauth_callback({{"state", state}, {"code", "code-abc"}});
  REQUIRE(reply.status == 200);
  REQUIRE(reply.body["status"] == "awaiting_webhook");
  std::string url = w.status()["webhook"]["url"];
  return url.substr(url.rfind('/') + 1);
}

TEST_CASE("setup by a non-admin is refused with 403 and stores nothing", "[setup]") {
  World w;
  auto reply = w.core->start_setup(w.sign_in("gus@acme.example"));
  CHECK(reply.status == 403);
  // Justworks was asked whose session it is, with the session as the bearer.
  auto checks = w.http.matching("GET", "/internal/v1/sessions/current");
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].base_url == "http://jw.test");
  CHECK(checks[0].request.headers.at("Authorization") == "Bearer session-1");
  auto integration = w.store->integration("acme");
  REQUIRE(integration.ok());
  CHECK_FALSE(integration->has_value());
}

TEST_CASE("setup without a live Justworks session is refused with 401", "[setup]") {
  World w;
  CHECK(w.core->start_setup(PageRequest{}).status == 401);
  PageRequest forged;
  forged.session = "made-up";
  CHECK(w.core->start_setup(forged).status == 401);
  CHECK(w.http.count("GET", "/internal/v1/members") == 0);
}

TEST_CASE("setup by an admin invited but not yet joined is refused with 403", "[setup]") {
  World w;
  nlohmann::json invited = testing::justworks_members()["items"][0];
  invited["status"] = "invited";
  CHECK(w.core->start_setup(w.sign_in_member(invited)).status == 403);
}

TEST_CASE("setup sends the admin to Lever with the minimum scopes and a bound state", "[setup]") {
  World w;
  script_admin(w);
  auto reply = w.core->start_setup(w.sign_in("dana@acme.example"));
  REQUIRE(reply.status == 200);
  const std::string url = reply.body["authorize_url"];
  CHECK(url.rfind("http://auth.lever.test/authorize?", 0) == 0);
  auto q = query_of(url);
  CHECK(q["client_id"] == "client-123");
  CHECK(q["redirect_uri"] == "http://core.test/oauth/lever/callback");
  CHECK(q["response_type"] == "code");
  CHECK(q["audience"] == "http://api.lever.test/v1/");
  CHECK(q["prompt"] == "consent");
  CHECK(q["state"].size() == 32);
  const std::string scope = q["scope"];
  CHECK(scope.find("offline_access") != std::string::npos);
  CHECK(scope.find("webhooks:write:admin") != std::string::npos);
  CHECK(scope.find("files:") == std::string::npos);
  CHECK(scope.find("resumes:") == std::string::npos);
  CHECK(url.find("client-secret-xyz") == std::string::npos);
  CHECK(w.status()["status"] == "not_connected");
}

TEST_CASE("callback with a missing, unknown or reused state is refused and stores nothing",
          "[setup]") {
  World w;
  script_admin(w);
  script_lever_consent(w);
  CHECK(w.core->oauth_callback({{"code", "code-abc"}}).status == 400);
  CHECK(w.core->oauth_callback({{"state", "made-up"}, {"code", "code-abc"}}).status == 400);
  CHECK(w.http.count("POST", "/oauth/token") == 0);

  const std::string state = start(w);
  CHECK(w.core->oauth_callback({{"state", state}, {"code", "code-abc"}}).status == 200);
  auto reused = w.core->oauth_callback({{"state", state}, {"code", "code-abc"}});
  CHECK(reused.status == 400);
  CHECK(w.http.count("POST", "/oauth/token") == 1);
}

TEST_CASE("callback with an expired state is refused", "[setup]") {
  World w;
  script_admin(w);
  script_lever_consent(w);
  const std::string state = start(w);
  w.clock.now += 11 * 60 * 1000;
  CHECK(w.core->oauth_callback({{"state", state}, {"code", "code-abc"}}).status == 400);
  CHECK(w.http.count("POST", "/oauth/token") == 0);
  CHECK(w.status()["status"] == "not_connected");
}

TEST_CASE("a denied consent leaves the integration not_connected and shows Lever's reason",
          "[setup]") {
  World w;
  script_admin(w);
  const std::string state = start(w);
  auto reply =
      w.core->oauth_callback({{"state", state},
                              {"error", "access_denied"},
                              {"error_description", "Only a Super Admin can authorize this app"}});
  CHECK(reply.status == 200);
  auto status = w.status();
  CHECK(status["status"] == "not_connected");
  CHECK(status["last_error"].get<std::string>().find("Only a Super Admin") != std::string::npos);
  CHECK(w.http.count("POST", "/oauth/token") == 0);
}

TEST_CASE("callback exchanges the code and creates exactly one webhook", "[setup]") {
  World w;
  script_admin(w);
  script_lever_consent(w);
  // A stale webhook of ours from an earlier attempt, and a foreign one.
  w.http.first("GET", "/v1/webhooks",
               json_answer(200, {{"data",
                                  {{{"id", "wh-stale"},
                                    {"url", "http://core.test/webhooks/lever/conn-lost"},
                                    {"event", "candidateHired"}},
                                   {{"id", "wh-other"},
                                    {"url", "https://other.example/hook"},
                                    {"event", "candidateHired"}}}},
                                 {"hasNext", false}}));
  w.http.on("DELETE", "/v1/webhooks/wh-stale", Canned{204, ""});
  const std::string state = start(w);
  auto reply = w.core->oauth_callback({{"state", state}, {"code", "code-abc"}});
  REQUIRE(reply.status == 200);

  auto exchange = w.http.matching("POST", "/oauth/token");
  REQUIRE(exchange.size() == 1);
  const std::string form = exchange[0].request.body;
  CHECK(form.find("grant_type=authorization_code") != std::string::npos);
  CHECK(form.find("code=code-abc") != std::string::npos);
  CHECK(form.find("client_secret=client-secret-xyz") != std::string::npos);
  CHECK(form.find("redirect_uri=http%3A%2F%2Fcore.test%2Foauth%2Flever%2Fcallback") !=
        std::string::npos);

  CHECK(w.http.count("DELETE", "/v1/webhooks/wh-stale") == 1);
  CHECK(w.http.count("DELETE", "/v1/webhooks/wh-other") == 0);
  auto creates = w.http.matching("POST", "/v1/webhooks");
  REQUIRE(creates.size() == 1);
  auto body = nlohmann::json::parse(creates[0].request.body);
  CHECK(body["event"] == "candidateHired");
  const std::string hook_url = body["url"];
  CHECK(hook_url.rfind("http://core.test/webhooks/lever/conn_", 0) == 0);

  auto status = w.status();
  CHECK(status["status"] == "awaiting_webhook");
  CHECK(status["webhook"]["id"] == "wh-new");
  CHECK(status["webhook"]["verified"] == false);
  w.require_no_secret_leaked();
}

TEST_CASE("finish setup names the Verify step until a test delivery arrives", "[setup]") {
  World w;
  const std::string conn = connect_until_awaiting(w);
  w.http.first(
      "GET", "/v1/webhooks",
      json_answer(200,
                  {{"data", {{{"id", "wh-new"}, {"url", "x"}, {"event", "candidateHired"}}}}}));

  auto early = w.core->finish_setup(w.sign_in("dana@acme.example"));
  CHECK(early.status == 409);
  CHECK(early.body["error"]["message"].get<std::string>().find("Verify Connection") !=
        std::string::npos);
  CHECK(w.status()["status"] == "awaiting_webhook");

  auto verify = w.core->receive_webhook(
      conn, w.delivery("tok-verify", "candidateHired", nlohmann::json::object()));
  REQUIRE(verify.body["result"] == "verified");
  auto done = w.core->finish_setup(w.sign_in("dana@acme.example"));
  CHECK(done.status == 200);
  CHECK(w.status()["status"] == "connected");
}

TEST_CASE("finish setup fails when our webhook is gone from Lever", "[setup]") {
  World w;
  const std::string conn = connect_until_awaiting(w);
  w.core->receive_webhook(conn,
                          w.delivery("tok-verify", "candidateHired", nlohmann::json::object()));
  // Lever's list no longer holds wh-new (the earlier rule answers an empty list).
  auto reply = w.core->finish_setup(w.sign_in("dana@acme.example"));
  CHECK(reply.status == 409);
  CHECK(w.status()["status"] == "awaiting_webhook");
}

TEST_CASE("finish setup waits out a Lever 429 and finishes when Lever said", "[setup][rel]") {
  World w;
  const std::string conn = connect_until_awaiting(w);
  w.core->receive_webhook(conn,
                          w.delivery("tok-verify", "candidateHired", nlohmann::json::object()));
  w.http.first(
      "GET", "/v1/webhooks",
      json_answer(200,
                  {{"data", {{{"id", "wh-new"}, {"url", "x"}, {"event", "candidateHired"}}}}}));
  w.http.first("GET", "/v1/webhooks", Canned{429, "{}", {{"retry-after", "7"}}}, 1);

  auto reply = w.core->finish_setup(w.sign_in("dana@acme.example"));
  CHECK(reply.status == 202);
  CHECK(reply.body["retrying_in_ms"] == 7000);
  CHECK(w.status()["status"] == "awaiting_webhook");
  CHECK(w.status()["setup_retry"]["step"] == "finish");
  CHECK(w.status()["setup_retry"]["next_try_at_ms"] == w.clock.now + 7000);

  w.clock.now += 6999;
  w.core->run_due();
  CHECK(w.status()["status"] == "awaiting_webhook");
  w.clock.now += 1;
  w.core->run_due();
  CHECK(w.status()["status"] == "connected");
  CHECK(w.status()["setup_retry"].is_null());
  CHECK(w.status()["last_error"].is_null());
}

TEST_CASE(
    "a setup step Lever keeps refusing with 429 fails after 5 tries, and disconnect "
    "drops a waiting one",
    "[setup][rel]") {
  World w;
  const std::string conn = connect_until_awaiting(w);
  w.http.first("GET", "/v1/webhooks", Canned{429, "{}", {{"retry-after", "2"}}});
  CHECK(w.core->finish_setup(w.sign_in("dana@acme.example")).status == 202);
  for (int i = 0; i < 10 && !w.status()["setup_retry"].is_null(); ++i) {
    w.clock.now = w.status()["setup_retry"]["next_try_at_ms"].get<int64_t>();
    w.core->run_due();
  }
  CHECK(w.http.count("GET", "/v1/webhooks") == 1 + 5);  // connect's list, then 5 tries
  auto status = w.status();
  CHECK(status["status"] == "awaiting_webhook");
  CHECK(status["last_error"] ==
        "Lever kept answering 429 (rate limit) to checking our webhook: gave up after 5 tries; "
        "press Finish setup again");

  CHECK(w.core->finish_setup(w.sign_in("dana@acme.example")).status == 202);
  w.http.on("DELETE", "/v1/webhooks/wh-new", Canned{204, ""});
  CHECK(w.core->disconnect(w.sign_in("dana@acme.example")).status == 200);
  CHECK(w.status()["setup_retry"].is_null());
}

TEST_CASE("disconnect deletes the webhook in Lever and forgets every token", "[setup]") {
  World w;
  const std::string conn = connect_until_awaiting(w);
  w.http.on("DELETE", "/v1/webhooks/wh-new", Canned{204, ""});
  auto reply = w.core->disconnect(w.sign_in("dana@acme.example"));
  CHECK(reply.status == 200);
  CHECK(w.http.count("DELETE", "/v1/webhooks/wh-new") == 1);
  CHECK(w.status()["status"] == "not_connected");
  auto c = w.connection(conn);
  REQUIRE(c.has_value());
  CHECK(c->access_token.empty());
  CHECK(c->refresh_token.empty());
  CHECK(c->signature_token.empty());
  // Its webhook address is dead now.
  CHECK(w.core->receive_webhook(conn, w.hired("tok-late", "opp-1")).status == 404);
}

TEST_CASE("reconnecting makes a new connection and retires the old one", "[setup]") {
  World w;
  const std::string first = connect_until_awaiting(w);
  const std::string state = start(w);
  w.http.first(
      "GET", "/v1/webhooks",
      json_answer(
          200,
          {{"data", {{{"id", "wh-new"}, {"url", "http://core.test/webhooks/lever/" + first}}}}}));
  w.http.on("DELETE", "/v1/webhooks/wh-new", Canned{204, ""});
  auto reply = w.core->oauth_callback({{"state", state}, {"code", "code-abc"}});
  REQUIRE(reply.status == 200);
  const std::string url = w.status()["webhook"]["url"];
  const std::string second = url.substr(url.rfind('/') + 1);
  CHECK(second != first);
  CHECK(w.http.count("DELETE", "/v1/webhooks/wh-new") == 1);  // the old one: never two
  CHECK(w.connection(first)->signature_token.empty());
  CHECK(w.core->receive_webhook(first, w.hired("tok-1", "opp-1")).status == 404);
}

}  // namespace
}  // namespace hiresync
