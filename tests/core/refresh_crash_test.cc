// A crash between Lever's refresh answer and the commit of the rotated tokens
// (crash point "after_refresh"; docs/decisions/core.md, "Crash between refresh
// and store").
#include <catch2/catch.hpp>

#include "test_support.h"

namespace hiresync {
namespace {

using testing::Canned;
using testing::json_answer;
using testing::World;

constexpr int64_t kMinuteMs = 60 * 1000;

Canned token_answer(const std::string& access, const std::string& refresh) {
  return json_answer(200, {{"access_token", access},
                           {"refresh_token", refresh},
                           {"token_type", "Bearer"},
                           {"expires_in", 3600}});
}

Canned invalid_grant() {
  return json_answer(403, {{"error", "invalid_grant"},
                           {"error_description", "Unknown or invalid refresh token."}});
}

// The refresh tokens the core spent, in order.
std::vector<std::string> refresh_tokens_sent(const testing::ScriptedHttp& http) {
  std::vector<std::string> out;
  for (const auto& sent : http.matching("POST", "/oauth/token")) {
    const std::string& form = sent.request.body;
    const auto at = form.find("refresh_token=");
    REQUIRE(at != std::string::npos);
    out.push_back(form.substr(at + 14, form.find('&', at) - at - 14));
  }
  return out;
}

// A connected integration whose access token has 4 minutes left, a hire
// queued, and a core that dies the moment Lever answers the refresh.
void crash_during_refresh(World& w) {
  w.connect();
  w.clock.now += 56 * kMinuteMs;
  w.http.on("POST", "/oauth/token", token_answer("access-2", "refresh-2"), 1);
  REQUIRE(w.core->receive_webhook("conn-acme", w.hired("tok-1", "opp-1")).body["result"] ==
          "queued");
  w.core->set_fault_hook([](std::string_view point) { return point == "after_refresh"; });
  w.core->run_due();
  REQUIRE(w.core->crashed());
}

TEST_CASE("a crash after Lever rotated the tokens leaves the previous pair stored, untouched",
          "[refresh_crash]") {
  World w;
  crash_during_refresh(w);
  CHECK(w.http.count("POST", "/oauth/token") == 1);
  CHECK(w.http.count("GET", "/v1/opportunities/*") == 0);  // the new token was never used
  auto conn = w.connection();
  CHECK(conn->access_token == "access-1");
  CHECK(conn->refresh_token == "refresh-1");
  // The dead core answers 503 and the hire is still queued for the next one.
  CHECK(w.core->status("acme").status == 503);
  w.restart();
  CHECK(w.sync_entry("opp-1")["state"] == "queued");
  CHECK(w.status()["status"] == "connected");
}

TEST_CASE("after the restart the core retries the stored refresh token and the connection lives",
          "[refresh_crash]") {
  World w;
  crash_during_refresh(w);
  w.restart();
  // Lever's reuse window: the just-rotated token still answers, with a new pair.
  w.http.on("POST", "/oauth/token", token_answer("access-3", "refresh-3"), 1);
  w.http.on("POST", "/oauth/token", invalid_grant());
  testing::script_happy_hire(w.http);

  w.core->run_due();

  CHECK(refresh_tokens_sent(w.http) == std::vector<std::string>{"refresh-1", "refresh-1"});
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  CHECK(w.status()["status"] == "connected");
  auto conn = w.connection();
  CHECK(conn->refresh_token == "refresh-3");
  CHECK(conn->access_token == "access-3");
  CHECK(w.http.matching("GET", "/v1/opportunities/opp-1")[0].request.headers.at("Authorization") ==
        "Bearer access-3");

  // And the next refresh, an hour on, spends the newly stored token.
  w.clock.now += 58 * kMinuteMs;
  w.http.first("POST", "/oauth/token", token_answer("access-4", "refresh-4"), 1);
  testing::script_happy_hire(w.http, "opp-2");
  REQUIRE(w.core->receive_webhook("conn-acme", w.hired("tok-2", "opp-2")).body["result"] ==
          "queued");
  w.core->run_due();
  CHECK(refresh_tokens_sent(w.http).back() == "refresh-3");
  CHECK(w.sync_entry("opp-2")["state"] == "done");
  w.require_no_secret_leaked();
}

TEST_CASE("without a reuse window the restart disconnects once, with the reason, and stops",
          "[refresh_crash]") {
  World w;
  crash_during_refresh(w);
  w.restart();
  w.http.on("POST", "/oauth/token", invalid_grant());
  testing::script_happy_hire(w.http);
  REQUIRE(w.core->receive_webhook("conn-acme", w.hired("tok-2", "opp-2")).body["result"] ==
          "queued");

  w.core->run_due();

  // One refused refresh for both hires; no Data API call with a dead token.
  CHECK(w.http.count("POST", "/oauth/token") == 2);
  CHECK(w.http.count("GET", "/v1/opportunities/*") == 0);
  auto status = w.status();
  CHECK(status["status"] == "disconnected");
  CHECK(status["last_error"].get<std::string>().find("connect to Lever again") !=
        std::string::npos);
  CHECK(w.sync_entry("opp-1")["state"] == "failed");
  CHECK(w.sync_entry("opp-2")["state"] == "failed");
  CHECK_FALSE(w.core->next_due_ms().has_value());
  w.require_no_secret_leaked();
}

TEST_CASE("a crash inside the refresh of a Justworks page call answers 503 and writes nothing",
          "[refresh_crash]") {
  World w;
  w.connect("acme", IntegrationStatus::kAwaitingWebhook);
  w.clock.now += 56 * kMinuteMs;
  w.http.on("GET", "/internal/v1/members", json_answer(200, testing::justworks_members()));
  w.http.on("POST", "/oauth/token", token_answer("access-2", "refresh-2"));
  w.core->set_fault_hook([](std::string_view point) { return point == "after_refresh"; });

  CHECK(w.core->finish_setup(w.sign_in("dana@acme.example")).status == 503);
  CHECK(w.core->disconnect(w.sign_in("dana@acme.example")).status == 503);

  w.restart();
  CHECK(w.status()["status"] == "awaiting_webhook");
  CHECK(w.status()["last_error"].is_null());
  CHECK(w.connection()->refresh_token == "refresh-1");
}

}  // namespace
}  // namespace hiresync
