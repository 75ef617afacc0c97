// Contract tests: the mail relay (POST /internal/v1/emails) and the captured mailbox.
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

namespace {

json notification(const std::string& to = "dana@acme.example") {
  return {{"to", to},
          {"subject", "A candidate has been hired in Lever!"},
          {"text", "Jane Doe (Staff Engineer) was hired. Review: http://x.example/review/ph_1"},
          {"link", "http://x.example/review/ph_1"}};
}

Reply send(Harness& h, const json& body, const std::string& key = "mail-1") {
  return h.call("POST", "/internal/v1/emails", body.dump(), {{"Idempotency-Key", key}});
}

}  // namespace

TEST_CASE("POST /internal/v1/emails answers 201 with the stored email") {
  Harness h;
  h.clock.advance_by(60 * 1000);
  Reply reply = send(h, notification());
  REQUIRE(reply.status == 201);
  json expected = notification();
  expected["id"] = reply.body["id"];
  expected["from"] = "Justworks <no-reply@justworks.example>";
  expected["sent_at"] = "2026-11-02T14:01:00Z";
  CHECK(reply.body == expected);
  CHECK(reply.body["id"].get<std::string>().rfind("em_", 0) == 0);
  CHECK(h.fake.emails("acme") == json::array({expected}));
}

TEST_CASE("an email's Idempotency-Key replays with the same body and conflicts with another") {
  Harness h;
  Reply first = send(h, notification(), "k");
  Reply replay = send(h, notification(), "k");
  Reply other = send(h, notification("priya@acme.example"), "k");
  CHECK(first.status == 201);
  CHECK(replay.status == 200);
  CHECK(replay.body["id"] == first.body["id"]);
  CHECK(other.status == 409);
  CHECK(other.code() == "idempotency_key_reused");
  CHECK(h.get("/internal/v1/emails").body["items"].size() == 1);
}

TEST_CASE("an email to someone who is not a member answers 422 on 'to'") {
  const std::string to = GENERATE(as<std::string>(), "jane@example.com", "hank@globex.example");
  Harness h;
  Reply reply = send(h, notification(to));
  CHECK(reply.status == 422);
  CHECK(reply.code() == "unknown_recipient");
  CHECK(reply.field() == "to");
  CHECK(h.get("/internal/v1/emails").body["items"].empty());
}

TEST_CASE("the recipient matches a member's email case-insensitively") {
  Harness h;
  CHECK(send(h, notification("Dana@ACME.example")).status == 201);
}

TEST_CASE("a malformed email request answers 400 naming the field") {
  auto [change, code, field] = GENERATE(table<std::string, std::string, std::string>({
      {R"({"cc": "x@y.z"})", "unknown_field", "cc"},
      {R"({"subject": 5})", "invalid_type", "subject"},
      {R"({"link": null})", "invalid_type", "link"},
      {R"({"attachments": []})", "unknown_field", "attachments"},
  }));
  CAPTURE(change);
  Harness h;
  json body = notification();
  body.update(json::parse(change));
  Reply reply = send(h, body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(reply.field() == field);
}

TEST_CASE("an email request missing a field answers 400 naming it") {
  const std::string key = GENERATE(as<std::string>(), "to", "subject", "text", "link");
  Harness h;
  json body = notification();
  body.erase(key);
  Reply reply = send(h, body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == "missing_field");
  CHECK(reply.field() == key);
}

TEST_CASE("an email with an empty subject or text, or a link that is no URL, answers 422") {
  auto [key, value] = GENERATE(table<std::string, std::string>(
      {{"subject", ""}, {"text", ""}, {"link", "/review/ph_1"}, {"link", "javascript:alert(1)"}}));
  Harness h;
  json body = notification();
  body[key] = value;
  Reply reply = send(h, body);
  CHECK(reply.status == 422);
  CHECK(reply.field() == key);
}

TEST_CASE("an email without an Idempotency-Key answers 400") {
  Harness h;
  Reply reply = h.call("POST", "/internal/v1/emails", notification().dump());
  CHECK(reply.status == 400);
  CHECK(reply.code() == "missing_idempotency_key");
}

TEST_CASE("GET /internal/v1/emails filters by recipient (any case) and exact subject") {
  Harness h;
  send(h, notification("dana@acme.example"), "1");
  send(h, notification("priya@acme.example"), "2");
  json other = notification("dana@acme.example");
  other["subject"] = "Something else";
  send(h, other, "3");
  CHECK(h.get("/internal/v1/emails").body["items"].size() == 3);
  CHECK(h.get("/internal/v1/emails?to=DANA%40acme.example").body["items"].size() == 2);
  CHECK(
      h.get("/internal/v1/"
            "emails?to=dana@acme.example&subject=A%20candidate%20has%20been%20hired%20in%20Lever!")
          .body["items"]
          .size() == 1);
}
