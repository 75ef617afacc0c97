// Contract tests: the webhooks API, and deliveries as Lever sends them —
// signed bodies, retries on the virtual clock, Verify Connection, Rerun, and
// the events each action emits.
#include "fake_lever/signature.h"
#include "fake_lever/world.h"
#include "support.h"

using namespace lever_test;

namespace {

json body_of(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

// A connected app with a candidateHired webhook pointing at a receiver.
struct Connected {
  Harness h;
  Receiver receiver{h};
  Tokens tokens = h.connect();
  json webhook;

  explicit Connected(const std::string& event = "candidateHired", bool enable = true,
                     const json& world = test_world())
      : h(world) {
    webhook = h.create_webhook(tokens.access, receiver.url(), event);
    if (enable) REQUIRE(h.lever.set_webhook_enabled("acme", event, true, "").ok());
  }
  std::string signature_token() const {
    return webhook["configuration"]["signatureToken"].get<std::string>();
  }
};

}  // namespace

TEST_CASE("the signature is hex HMAC-SHA256 of token + triggeredAt under the signature token") {
  // Computed independently:
  //   printf %s "<token>1793628000000" | openssl dgst -sha256 -hmac <key>
  CHECK(sim::lever::webhook_signature("Zx8pQ2mN7vL4kR9tW3yB6cF1hJ5dG0sA8eU2iO7qT4nM9wXa",
                                      "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4",
                                      1793628000000) ==
        "f88633231ce5931f2a294e2bca5ca1967cd382917886cca7161126049e9b5c1b");
}

TEST_CASE("creating a webhook answers 201 with a 48-character signature token") {
  Harness h;
  const Tokens t = h.connect();
  HttpResponse r = h.send("POST", "/v1/webhooks", t.access,
                          R"({"url": "http://127.0.0.1:9/hook", "event": "candidateHired"})");
  REQUIRE(r.status == 201);
  const json w = body_of(r)["data"];
  CHECK(w["url"] == "http://127.0.0.1:9/hook");
  CHECK(w["event"] == "candidateHired");
  CHECK(w["createdAt"] == sim::VirtualClock::kStartMs);
  CHECK(w["updatedAt"] == sim::VirtualClock::kStartMs);
  CHECK(w["id"].is_string());
  CHECK(w["configuration"]["signatureToken"].get<std::string>().size() == 48);
}

TEST_CASE("listed webhooks never show the signature token") {
  Harness h;
  const Tokens t = h.connect();
  const json created = h.create_webhook(t.access, "http://127.0.0.1:9/hook");
  const json list = h.get_json("/v1/webhooks", t.access);
  REQUIRE(list["data"].size() == 1);
  CHECK(list["data"][0]["id"] == created["id"]);
  CHECK(list["data"][0]["configuration"] == json::object());
  CHECK(list["hasNext"] == false);
}

TEST_CASE("webhooks are updated in bulk with PUT and deleted with 204") {
  Harness h;
  const Tokens t = h.connect();
  const json w = h.create_webhook(t.access, "http://127.0.0.1:9/a", "candidateStageChange");
  const std::string id = w["id"];
  HttpResponse put =
      h.send("PUT", "/v1/webhooks", t.access,
             json{{"data",
                   {{{"id", id},
                     {"url", "http://127.0.0.1:9/b"},
                     {"configuration", {{"conditions", {{"origins", {"applied"}}}}}}}}}}
                 .dump());
  REQUIRE(put.status == 200);
  CHECK(body_of(put)["data"][0]["url"] == "http://127.0.0.1:9/b");
  CHECK(body_of(put)["data"][0]["configuration"]["conditions"]["origins"] ==
        json::array({"applied"}));

  CHECK(h.send("DELETE", "/v1/webhooks/" + id, t.access).status == 204);
  CHECK(h.send("DELETE", "/v1/webhooks/" + id, t.access).status == 404);
  CHECK(h.get_json("/v1/webhooks", t.access)["data"] == json::array());
}

TEST_CASE("a webhook create with a bad body is 400") {
  Harness h;
  const Tokens t = h.connect();
  const std::string body =
      GENERATE(as<std::string>{}, "not json", "[]", R"({"event": "candidateHired"})",
               R"({"url": "ftp://x/y", "event": "candidateHired"})",
               R"({"url": "http://127.0.0.1:9/h", "event": "offerCreated"})",
               R"({"url": "http://127.0.0.1:9/h", "event": "contactCreated",
                                        "configuration": {"conditions": {"origins": ["applied"]}}})",
               R"({"url": "http://127.0.0.1:9/h", "event": "candidateHired",
                                        "configuration": {"conditions": {"origins": ["psychic"]}}})");
  CAPTURE(body);
  HttpResponse r = h.send("POST", "/v1/webhooks", t.access, body);
  CHECK(r.status == 400);
  CHECK(body_of(r)["code"] == "BadRequestError");
}

TEST_CASE("the webhooks API needs the webhooks scopes") {
  Harness h;
  const Tokens t = h.connect("offline_access webhooks:read:admin");
  CHECK(h.get("/v1/webhooks", t.access).status == 200);
  CHECK(h.send("POST", "/v1/webhooks", t.access,
               R"({"url": "http://127.0.0.1:9/h", "event": "candidateHired"})")
            .status == 403);
}

TEST_CASE("an app lists every webhook of the account but changes only its own") {
  Harness h;
  h.lever.register_app(
      {"other-app", "other-secret", "Other", {kRedirect}, {"webhooks:write:admin"}});
  const Tokens mine = h.connect();
  h.create_webhook(mine.access, "http://127.0.0.1:9/mine");
  auto redirect =
      h.lever.consent(h.authorize_url("webhooks:write:admin", "s", kRedirect, "other-app"),
                      "sam@acme.example", true);
  HttpResponse r = h.token_request(
      "grant_type=authorization_code&client_id=other-app&client_secret="
      "other-secret&code=" +
      form_encode(query_of(*redirect)["code"]) + "&redirect_uri=" + form_encode(kRedirect));
  REQUIRE(r.status == 200);
  const std::string other = body_of(r)["access_token"];
  const json listed = h.get_json("/v1/webhooks", other)["data"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["url"] == "http://127.0.0.1:9/mine");
  CHECK_FALSE(listed[0]["configuration"].contains("signatureToken"));
  CHECK(h.send("DELETE", "/v1/webhooks/" + listed[0]["id"].get<std::string>(), other).status ==
        404);
  CHECK(h.get_json("/v1/webhooks", mine.access)["data"].size() == 1);
}

TEST_CASE("an API-created webhook sends nothing until its event group is switched on") {
  Connected c("candidateHired", false);
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 0);
  CHECK_FALSE(c.h.lever.next_delivery_due_ms());
  CHECK(c.receiver.deliveries().empty());
  CHECK(c.h.lever.webhooks_view("acme")[0]["enabled"] == false);
}

TEST_CASE("only a manage-integrations holder switches a webhook event on") {
  Harness h;
  CHECK(h.lever.set_webhook_enabled("acme", "candidateHired", true, "tom@acme.example").code() ==
        hiresync::Status::Code::kPermissionDenied);
  CHECK(h.lever.set_webhook_enabled("acme", "candidateFired", true, "").code() ==
        hiresync::Status::Code::kInvalidArgument);
}

TEST_CASE("a hire delivers candidateHired signed, with Lever's headers and envelope") {
  Connected c;
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.next_delivery_due_ms() == c.h.clock.now_ms());  // queued, due now
  CHECK(c.receiver.deliveries().empty());                         // not sent by the action
  CHECK(c.h.lever.deliver_due() == 1);
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 1);
  CHECK(got[0].user_agent == "Lever-Webhooks");
  CHECK(got[0].content_type == "application/json");
  const json body = json::parse(got[0].body);
  CHECK(body["event"] == "candidateHired");
  CHECK(body["id"].is_string());
  CHECK(body["triggeredAt"] == c.h.clock.now_ms());
  CHECK(body["token"].get<std::string>().size() == 48);
  CHECK(body["data"] ==
        json{{"opportunityId", "opp-jane"}, {"candidateId", "opp-jane"}, {"contactId", "c-jane"}});
  CHECK(body["signature"] == sim::lever::webhook_signature(c.signature_token(), body["token"],
                                                           body["triggeredAt"].get<int64_t>()));
}

TEST_CASE("each delivery carries a fresh token") {
  Connected c;
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  REQUIRE(c.h.lever.unhire("acme", "opp-jane", "").ok());
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 2);
  const auto got = c.receiver.deliveries();
  CHECK(json::parse(got[0].body)["token"] != json::parse(got[1].body)["token"]);
}

TEST_CASE("a failed delivery is retried 5 times at 1 min, 5 min, 30 min, 2 h and 6 h") {
  Connected c;
  c.receiver.fallback = GENERATE(500, 302, 404);
  CAPTURE(c.receiver.fallback);
  const int64_t t0 = c.h.clock.now_ms();
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  const std::vector<int64_t> gaps = {kMinuteMs, 5 * kMinuteMs, 30 * kMinuteMs, 2 * kHourMs,
                                     6 * kHourMs};
  CHECK(c.h.lever.deliver_due() == 1);
  int64_t expected = t0;
  for (int64_t gap : gaps) {
    expected += gap;
    REQUIRE(c.h.lever.next_delivery_due_ms() == expected);
    c.h.clock.advance_to(expected - 1);
    CHECK(c.h.lever.deliver_due() == 0);  // not a millisecond early
    c.h.clock.advance_to(expected);
    CHECK(c.h.lever.deliver_due() == 1);
  }
  CHECK_FALSE(c.h.lever.next_delivery_due_ms());  // 6 attempts, then Lever gives up
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 6);
  for (const auto& g : got) CHECK(g.body == got[0].body);  // the same bytes every time
  const json view = c.h.lever.webhooks_view("acme")[0]["deliveries"][0];
  CHECK(view["attempts"] == 6);
  CHECK(view["delivered"] == false);
  CHECK(view["last_status"] == c.receiver.fallback);
}

TEST_CASE("a retry that gets a 2xx ends the delivery") {
  Connected c;
  c.receiver.script = {500};
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  c.h.clock.advance_by(kMinuteMs);
  CHECK(c.h.lever.deliver_due() == 1);
  CHECK_FALSE(c.h.lever.next_delivery_due_ms());
  const json d = c.h.lever.webhooks_view("acme")[0]["deliveries"][0];
  CHECK(d == json{{"event", "candidateHired"},
                  {"opportunityId", "opp-jane"},
                  {"attempts", 2},
                  {"last_status", 200},
                  {"delivered", true},
                  {"outcome", "delivered"},
                  {"rerun", false},
                  {"fault", nullptr}});
}

TEST_CASE("a receiver that is down counts as a failure and is retried") {
  Harness h;
  const Tokens t = h.connect();
  int port = 0;
  {
    Receiver gone(h);  // bind a port, then free it
    port = gone.server.port();
  }
  h.create_webhook(t.access, "http://127.0.0.1:" + std::to_string(port) + "/hook");
  REQUIRE(h.lever.set_webhook_enabled("acme", "candidateHired", true, "").ok());
  REQUIRE(h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(h.lever.deliver_due() == 1);
  CHECK(h.lever.next_delivery_due_ms() == h.clock.now_ms() + kMinuteMs);
  CHECK(h.lever.webhooks_view("acme")[0]["deliveries"][0]["last_status"] == 0);
}

TEST_CASE("a hire also emits candidateArchiveChange to its subscribers") {
  Connected c("candidateArchiveChange");
  const int64_t t0 = c.h.clock.now_ms();
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  c.h.clock.advance_by(kMinuteMs);
  REQUIRE(c.h.lever.unhire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 2);
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 2);
  const json hired = json::parse(got[0].body)["data"];
  CHECK(hired["fromArchived"].is_null());
  CHECK(hired["toArchived"] ==
        json{{"archivedAt", t0}, {"reason", sim::lever::kDefaultHiredReasonId}});
  const json unhired = json::parse(got[1].body)["data"];
  CHECK(unhired["fromArchived"] ==
        json{{"archivedAt", t0}, {"reason", sim::lever::kDefaultHiredReasonId}});
  CHECK(unhired["toArchived"].is_null());
  CHECK(unhired["opportunityId"] == "opp-jane");
}

TEST_CASE("an unhire sends no candidateHired") {
  Connected c;
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  REQUIRE(c.h.lever.unhire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 0);
}

TEST_CASE("a stage move emits candidateStageChange with from and to") {
  Connected c("candidateStageChange");
  REQUIRE(c.h.lever.move_stage("acme", "opp-omar", "Phone interview", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  const json data = json::parse(c.receiver.deliveries()[0].body)["data"];
  CHECK(data == json{{"opportunityId", "opp-omar"},
                     {"candidateId", "opp-omar"},
                     {"contactId", "c-omar"},
                     {"fromStageId", "applicant-new"},
                     {"toStageId", "e3089c7a-7555-4000-8ba4-17007ad25f92"}});  // Phone interview
}

TEST_CASE("choosing a job for a candidate without an application emits applicationCreated") {
  Connected c("applicationCreated");
  REQUIRE(c.h.lever.choose_job("acme", "opp-omar", "post-eng", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  const json data = json::parse(c.receiver.deliveries()[0].body)["data"];
  CHECK(data["opportunityId"] == "opp-omar");
  CHECK(data["applicationId"].is_string());
  // A second choice changes the job of the same application: no new event.
  REQUIRE(c.h.lever.choose_job("acme", "opp-omar", "post-secret", "").ok());
  CHECK(c.h.lever.deliver_due() == 0);
}

TEST_CASE("conditions on origins filter candidate events") {
  Harness h;
  Receiver receiver(h);
  const Tokens t = h.connect();
  HttpResponse r = h.send("POST", "/v1/webhooks", t.access,
                          json{{"url", receiver.url()},
                               {"event", "candidateHired"},
                               {"configuration", {{"conditions", {{"origins", {"applied"}}}}}}}
                              .dump());
  REQUIRE(r.status == 201);
  REQUIRE(h.lever.set_webhook_enabled("acme", "candidateHired", true, "").ok());
  REQUIRE(h.lever.hire("acme", "opp-jane", "").ok());  // sourced
  REQUIRE(h.lever.hire("acme", "opp-omar", "").ok());  // applied
  CHECK(h.lever.deliver_due() == 1);
  CHECK(json::parse(receiver.deliveries()[0].body)["data"]["opportunityId"] == "opp-omar");
}

TEST_CASE("Verify Connection sends a signed test delivery with empty data") {
  Connected c;
  auto result = c.h.lever.verify_webhook("acme", "candidateHired", "");
  REQUIRE(result.ok());
  CHECK(*result == "Verified");
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 1);
  const json body = json::parse(got[0].body);
  CHECK(body["data"] == json::object());
  CHECK(body["event"] == "candidateHired");
  CHECK(body["signature"] == sim::lever::webhook_signature(c.signature_token(), body["token"],
                                                           body["triggeredAt"].get<int64_t>()));
  CHECK(c.h.lever.webhooks_view("acme")[0]["verified"] == "Verified");
  CHECK(c.h.lever.webhooks_view("acme")[0]["deliveries"] == json::array());
}

TEST_CASE("Verify Connection fails on a non-2xx answer, and later deliveries still go") {
  Connected c;
  c.receiver.script = {503};
  auto result = c.h.lever.verify_webhook("acme", "candidateHired", "");
  REQUIRE(result.ok());
  CHECK(*result == "Failed");
  CHECK(c.h.lever.webhooks_view("acme")[0]["verified"] == "Failed");
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  CHECK(c.receiver.deliveries().size() == 2);
}

TEST_CASE("Verify Connection of a switched-off event fails without sending") {
  Connected c("candidateHired", false);
  auto result = c.h.lever.verify_webhook("acme", "candidateHired", "");
  REQUIRE(result.ok());
  CHECK(*result == "Failed");
  CHECK(c.receiver.deliveries().empty());
}

TEST_CASE("Verify Connection without a webhook is an error") {
  Harness h;
  CHECK(h.lever.verify_webhook("acme", "candidateHired", "").status().code() ==
        hiresync::Status::Code::kNotFound);
}

TEST_CASE("replay resends a recorded delivery byte for byte") {
  Connected c;
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  REQUIRE(c.h.lever.hire("acme", "opp-omar", "").ok());
  c.h.lever.deliver_due();
  c.h.clock.advance_by(kHourMs);
  auto status = c.h.lever.replay("acme", "candidateHired", "opp-jane");
  REQUIRE(status.ok());
  CHECK(*status == 200);
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 3);
  CHECK(got[2].body == got[0].body);
  const json deliveries = c.h.lever.webhooks_view("acme")[0]["deliveries"];
  REQUIRE(deliveries.size() == 3);
  CHECK(deliveries[2]["rerun"] == true);
  CHECK(c.h.lever.replay("acme", "candidateHired", "opp-kai").status().code() ==
        hiresync::Status::Code::kNotFound);
}

TEST_CASE("revoking the app stops its webhooks, pending retries included") {
  Connected c;
  c.receiver.script = {500};
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  REQUIRE(c.h.lever.revoke("acme", kClientId, "").ok());
  c.h.clock.advance_by(kMinuteMs);
  CHECK(c.h.lever.deliver_due() == 0);
  REQUIRE(c.h.lever.hire("acme", "opp-omar", "").ok());
  CHECK(c.h.lever.deliver_due() == 0);
  const json view = c.h.lever.webhooks_view("acme")[0];
  CHECK(view["enabled"] == false);
  CHECK(view["deliveries"][0]["outcome"] == "cancelled");
}

TEST_CASE("with revoke_stops_webhooks off, a revoked app's webhook keeps sending") {
  LeverKnobs knobs;
  knobs.revoke_stops_webhooks = false;
  Harness h(test_world(), knobs);
  Receiver receiver(h);
  const Tokens t = h.connect();
  h.create_webhook(t.access, receiver.url());
  REQUIRE(h.lever.set_webhook_enabled("acme", "candidateHired", true, "").ok());
  REQUIRE(h.lever.revoke("acme", kClientId, "").ok());
  REQUIRE(h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(h.lever.deliver_due() == 1);
}

TEST_CASE("reconnecting resumes the app's old webhooks") {
  Connected c;
  REQUIRE(c.h.lever.revoke("acme", kClientId, "").ok());
  const Tokens again = c.h.connect();
  CHECK(c.h.get_json("/v1/webhooks", again.access)["data"].size() == 1);
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
}

TEST_CASE("deleting a webhook cancels its pending retries") {
  Connected c;
  c.receiver.script = {500};
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  c.h.lever.deliver_due();
  REQUIRE(c.h.send("DELETE", "/v1/webhooks/" + c.webhook["id"].get<std::string>(), c.tokens.access)
              .status == 204);
  c.h.clock.advance_by(kHourMs);
  CHECK(c.h.lever.deliver_due() == 0);
  CHECK(c.h.lever.webhooks_view("acme") == json::array());
}

TEST_CASE("a webhook keeps the last 1,000 deliveries") {
  Connected c("candidateArchiveChange");
  for (int i = 0; i < 501; ++i) {
    REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
    REQUIRE(c.h.lever.unhire("acme", "opp-jane", "").ok());
    c.h.lever.deliver_due();
  }
  CHECK(c.receiver.deliveries().size() == 1002);
  CHECK(c.h.lever.webhooks_view("acme")[0]["deliveries"].size() == 1000);
}

TEST_CASE("the webhooks view shows Lever's settings page") {
  Connected c;
  const json view = c.h.lever.webhooks_view("acme");
  REQUIRE(view.size() == 1);
  CHECK(view[0]["id"] == c.webhook["id"]);
  CHECK(view[0]["url"] == c.receiver.url());
  CHECK(view[0]["event"] == "candidateHired");
  CHECK(view[0]["client_id"] == kClientId);
  CHECK(view[0]["enabled"] == true);
  CHECK(view[0]["verified"].is_null());
  CHECK(view[0]["deliveries"] == json::array());
}

TEST_CASE("sign_delivery signs an arbitrary body with the webhook's signature token") {
  Connected c;
  auto signed_body = c.h.lever.sign_delivery(
      "acme", "candidateHired",
      json{{"event", "candidateHired"}, {"token", "tok"}, {"triggeredAt", 5}, {"data", {}}});
  REQUIRE(signed_body.ok());
  const json body = json::parse(*signed_body);
  CHECK(body["signature"] == sim::lever::webhook_signature(c.signature_token(), "tok", 5));
  auto filled = c.h.lever.sign_delivery("acme", "candidateHired", json{{"data", {}}});
  REQUIRE(filled.ok());
  CHECK(json::parse(*filled)["token"].get<std::string>().size() == 48);
  CHECK(json::parse(*filled)["triggeredAt"] == c.h.clock.now_ms());
  CHECK(c.h.lever.sign_delivery("acme", "contactCreated", json::object()).status().code() ==
        hiresync::Status::Code::kNotFound);
}

// --- Lever's undocumented choices, as switches (fake_lever/switches.h) ---

TEST_CASE("with retry_token mint a retry carries a new token and triggeredAt, the same id") {
  Connected c("candidateHired", true, world_with({{"retry_token", "mint"}}));
  c.receiver.script = {500};
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  c.h.clock.advance_by(kMinuteMs);
  CHECK(c.h.lever.deliver_due() == 1);
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 2);
  const json first = json::parse(got[0].body), retry = json::parse(got[1].body);
  CHECK(retry["id"] == first["id"]);
  CHECK(retry["token"] != first["token"]);
  CHECK(retry["triggeredAt"] == first["triggeredAt"].get<int64_t>() + kMinuteMs);
  CHECK(retry["signature"] == sim::lever::webhook_signature(c.signature_token(), retry["token"],
                                                            retry["triggeredAt"].get<int64_t>()));
  // A Rerun mints too.
  REQUIRE(c.h.lever.replay("acme", "candidateHired", "opp-jane").ok());
  const json rerun = json::parse(c.receiver.deliveries().back().body);
  CHECK(rerun["id"] == first["id"]);
  CHECK(rerun["token"] != retry["token"]);
}

TEST_CASE("with retry_token reuse (the default) a Rerun resends the same bytes") {
  Connected c;
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  CHECK(c.h.lever.deliver_due() == 1);
  REQUIRE(c.h.lever.replay("acme", "candidateHired", "opp-jane").ok());
  const auto got = c.receiver.deliveries();
  REQUIRE(got.size() == 2);
  CHECK(got[1].body == got[0].body);
}

TEST_CASE("hire_events decides which events a hire sends, in which order") {
  auto [setting, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      {"archive_change_then_hired", {"candidateArchiveChange", "candidateHired"}},
      {"hired_then_archive_change", {"candidateHired", "candidateArchiveChange"}},
      {"hired_only", {"candidateHired"}},
      {"archive_change_only", {"candidateArchiveChange"}},
  }));
  CAPTURE(setting);
  Connected c("candidateHired", true, world_with({{"hire_events", setting}}));
  c.h.create_webhook(c.tokens.access, c.receiver.url(), "candidateArchiveChange");
  REQUIRE(c.h.lever.set_webhook_enabled("acme", "candidateArchiveChange", true, "").ok());
  REQUIRE(c.h.lever.hire("acme", "opp-jane", "").ok());
  c.h.lever.deliver_due();
  std::vector<std::string> events;
  for (const auto& got : c.receiver.deliveries()) {
    const json body = json::parse(got.body);
    events.push_back(body["event"]);
    if (body["event"] == "candidateArchiveChange") {
      CHECK(body["data"]["toArchived"]["reason"] == sim::lever::kDefaultHiredReasonId);
    }
  }
  CHECK(events == expected);
}
