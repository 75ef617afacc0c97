// The receiver's answers (SEC-1..3, HIRE-2..4). Every case also checks that
// receiving made no HTTP call at all (REL-6).
#include <catch2/catch.hpp>

#include "test_support.h"
#include "webhook/receiver.h"

namespace hiresync {
namespace {

using testing::World;

TEST_CASE("receiver answers 404 for an unknown connection", "[receiver]") {
  World w;
  w.connect();
  auto reply = w.core->receive_webhook("conn-nobody", w.hired("tok-1", "opp-1"));
  CHECK(reply.status == 404);
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver answers 400 for malformed bodies and missing fields", "[receiver]") {
  World w;
  w.connect();
  const std::string body = GENERATE(
      std::string(""), std::string("not json"), std::string("[1,2]"), std::string("{}"),
      std::string(R"({"token":"t","signature":"s","event":"candidateHired"})"),
      std::string(R"({"token":"t","triggeredAt":"1","signature":"s","event":"candidateHired"})"),
      std::string(R"({"token":"t","triggeredAt":1,"signature":"s"})"),
      std::string(R"({"token":7,"triggeredAt":1,"signature":"s","event":"x"})"),
      std::string("{\"token\":\"t\",\"triggeredAt\":1.5,\"signature\":\"s\",\"event\":\"x\"}"));
  CAPTURE(body);
  auto reply = w.core->receive_webhook("conn-acme", body);
  CHECK(reply.status == 400);
  CHECK(reply.body["error"]["code"] == "bad_request");
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver answers 400 for a signed hire without an opportunity id", "[receiver]") {
  World w;
  w.connect();
  auto reply =
      w.core->receive_webhook("conn-acme", w.delivery("tok-1", "candidateHired", {{"x", 1}}));
  CHECK(reply.status == 400);
  auto bad_id = w.core->receive_webhook("conn-acme", w.hired("tok-2", "../v1/files"));
  CHECK(bad_id.status == 400);
  CHECK(w.status()["sync_log"].empty());
}

TEST_CASE("receiver answers 401 to an unsigned delivery, as to a wrong signature (SEC-1)",
          "[receiver]") {
  World w;
  w.connect();
  auto reply = w.core->receive_webhook(
      "conn-acme",
      R"({"token":"t","triggeredAt":1,"event":"candidateHired","data":{"opportunityId":"opp-1"}})");
  CHECK(reply.status == 401);
  CHECK(w.status()["sync_log"].empty());
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver answers 401 to a bad signature and changes nothing", "[receiver]") {
  World w;
  w.connect();
  const std::string forged = w.delivery("tok-1", "candidateHired", {{"opportunityId", "opp-1"}},
                                        "not-the-signature-token");
  auto reply = w.core->receive_webhook("conn-acme", forged);
  CHECK(reply.status == 401);
  CHECK(w.status()["sync_log"].empty());
  CHECK(w.log.all().find("bad signature") != std::string::npos);
  // Not even the token was remembered: the real delivery still counts.
  CHECK(w.core->receive_webhook("conn-acme", w.hired("tok-1", "opp-1")).body["result"] == "queued");
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver gives a replayed delivery no new effect", "[receiver]") {
  World w;
  w.connect();
  const std::string body = w.hired("tok-1", "opp-1");
  CHECK(w.core->receive_webhook("conn-acme", body).body["result"] == "queued");
  auto replay = w.core->receive_webhook("conn-acme", body);
  CHECK(replay.status == 200);
  CHECK(replay.body["result"] == "duplicate");
  CHECK(w.status()["sync_log"].size() == 1);
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver queues one hire per opportunity whatever the delivery token", "[receiver]") {
  World w;
  w.connect();
  CHECK(w.core->receive_webhook("conn-acme", w.hired("tok-1", "opp-1")).body["result"] == "queued");
  // A Rerun in Lever: same hire, new token.
  auto rerun = w.core->receive_webhook("conn-acme", w.hired("tok-2", "opp-1"));
  CHECK(rerun.status == 200);
  CHECK(rerun.body["result"] == "duplicate");
  CHECK(w.core->next_due_ms() == std::optional<int64_t>(w.clock.now));
  CHECK(w.status()["sync_log"].size() == 1);
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver drops a retry that carries a new token but the same Lever event id",
          "[receiver]") {
  // Lever may mint a new token and triggeredAt for a retry or a Rerun; its
  // event `id` stays, and is what HIRE-4 holds on then.
  World w;
  w.connect();
  auto with_id = [&](const std::string& token, const std::string& id) {
    nlohmann::json body = nlohmann::json::parse(w.hired(token, "opp-1"));
    body["id"] = id;
    return body.dump();
  };
  const std::string id = "3f2b8c1e-0d4a-4c5b-9e7f-1a2b3c4d5e6f";
  testing::script_happy_hire(w.http);
  CHECK(w.core->receive_webhook("conn-acme", with_id("tok-1", id)).body["result"] == "queued");
  w.core->run_due();
  REQUIRE(w.sync_entry("opp-1")["state"] == "done");
  w.clock.now += 60'000;
  // The hire is done: without the id, a new token would count as a new hire.
  CHECK(w.core->receive_webhook("conn-acme", with_id("tok-2", id)).body["result"] == "duplicate");
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  // Another event (a re-hire) has another id and is a new hire.
  CHECK(
      w.core->receive_webhook("conn-acme", with_id("tok-3", "9a8b7c6d-0000-4000-8000-000000000001"))
          .body["result"] == "queued");
}

TEST_CASE("receiver marks the connection verified on a signed test delivery", "[receiver]") {
  World w;
  w.connect("acme", IntegrationStatus::kAwaitingWebhook);
  auto reply = w.core->receive_webhook(
      "conn-acme", w.delivery("tok-1", "candidateHired", nlohmann::json::object()));
  CHECK(reply.status == 200);
  CHECK(reply.body["result"] == "verified");
  CHECK(w.connection()->webhook_verified);
  CHECK(w.status()["sync_log"].empty());  // HIRE-3: a test delivery is no hire
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver records a hire that arrives before setup is finished as ignored",
          "[receiver]") {
  World w;
  w.connect("acme", IntegrationStatus::kAwaitingWebhook);
  auto reply = w.core->receive_webhook("conn-acme", w.hired("tok-1", "opp-1"));
  CHECK(reply.status == 200);
  CHECK(reply.body["result"] == "ignored");
  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "ignored");
  CHECK(entry["reason"].get<std::string>().find("awaiting_webhook") != std::string::npos);
  // What is due is the core's start-up look at what it owes Lever (REL-7):
  // nothing, for a company never connected. No job for the hire remains.
  w.core->run_due();
  CHECK_FALSE(w.core->next_due_ms().has_value());
  CHECK(w.sync_entry("opp-1")["state"] == "ignored");
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver ignores events other than candidateHired", "[receiver]") {
  World w;
  w.connect();
  const std::string event =
      GENERATE(std::string("candidateStageChange"), std::string("candidateArchiveChange"),
               std::string("applicationCreated"), std::string("madeUp"));
  CAPTURE(event);
  auto reply = w.core->receive_webhook(
      "conn-acme", w.delivery("tok-" + event, event, {{"opportunityId", "opp-1"}}));
  CHECK(reply.status == 200);
  CHECK(reply.body["result"] == "ignored");
  CHECK(w.status()["sync_log"].empty());
  CHECK(w.http.sent.empty());
}

TEST_CASE("receiver keeps tenants apart: one company's signature token opens no other",
          "[receiver]") {
  World w;
  w.connect("acme");
  w.connect("globex", IntegrationStatus::kConnected, "conn-globex", "sig-token-globex");
  // Signed with acme's token but sent to globex's address.
  auto reply = w.core->receive_webhook("conn-globex", w.hired("tok-1", "opp-1"));
  CHECK(reply.status == 401);
  CHECK(w.status("globex")["sync_log"].empty());
  CHECK(w.status("acme")["sync_log"].empty());
}

TEST_CASE("receiver requeues a failed hire when Lever delivers it again", "[receiver]") {
  World w;
  w.connect();
  Hire failed;
  failed.company = "acme";
  failed.opportunity_id = "opp-1";
  failed.state = HireState::kFailed;
  failed.attempts = 8;
  failed.reason = "gave up";
  REQUIRE(w.store->put_hire(failed).ok());
  auto reply = w.core->receive_webhook("conn-acme", w.hired("tok-9", "opp-1"));
  CHECK(reply.body["result"] == "queued");
  CHECK(w.sync_entry("opp-1")["state"] == "queued");
  CHECK(w.sync_entry("opp-1")["attempts"] == 0);
}

TEST_CASE("receiver refuses deliveries for a connection whose secrets were forgotten",
          "[receiver]") {
  World w;
  w.connect("acme", IntegrationStatus::kConnected, "conn-acme", "");
  CHECK(w.core->receive_webhook("conn-acme", w.hired("tok-1", "opp-1")).status == 404);
}

// Issue 17: the dedupe horizon. A token is remembered for kDedupeHorizonMs
// (a day, past Lever's ~8.6 h of retries); an older delivery is refused, so
// a forgotten token can never run a hire twice, and old tokens are pruned.
TEST_CASE("receiver refuses a delivery triggered before the dedupe horizon",
          "[receiver][hostile]") {
  World w;
  w.connect();
  const std::string old_body = w.hired("tok-old", "opp-1");
  w.clock.now += kDedupeHorizonMs + 1;
  auto reply = w.core->receive_webhook("conn-acme", old_body);
  CHECK(reply.status == 400);
  CHECK(reply.body["error"]["code"] == "stale");
  CHECK(w.status()["sync_log"].empty());
  // Lever's last retry, 8 h 36 m after the event, is still taken.
  const std::string retried = w.hired("tok-late", "opp-2");
  w.clock.now += (8 * 60 + 36) * 60'000;
  CHECK(w.core->receive_webhook("conn-acme", retried).body["result"] == "queued");
}

TEST_CASE("receiver forgets delivery tokens older than the horizon", "[receiver][hostile]") {
  World w;
  w.connect();
  REQUIRE(w.store->remember_delivery("conn-acme", "tok-1", w.clock.now).ok());
  w.clock.now += kDedupeHorizonMs + 3'600'000;
  // Any delivery prunes (at most hourly); tok-1 is then unknown again.
  CHECK(w.core->receive_webhook("conn-acme", w.hired("tok-2", "opp-2")).body["result"] == "queued");
  auto again = w.store->remember_delivery("conn-acme", "tok-1", w.clock.now);
  REQUIRE(again.ok());
  CHECK(*again);
}

TEST_CASE("a newline in an event name does not forge a log line", "[receiver][hostile]") {
  World w;
  w.connect();
  const std::string forged =
      w.delivery("tok-1", "x\nwebhook conn-acme: Verify delivery received\x1b[2J",
                 {{"opportunityId", "opp-1"}}, "not-the-signature-token");
  CHECK(w.core->receive_webhook("conn-acme", forged).status == 401);
  REQUIRE_FALSE(w.log.lines.empty());
  for (const auto& line : w.log.lines) {
    CAPTURE(line);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\x1b') == std::string::npos);
  }
  CHECK(w.log.all().find("x\\nwebhook") != std::string::npos);
}

}  // namespace
}  // namespace hiresync
