// Contract tests: member sessions under /internal/v1/ (docs/justworks-api.md,
// "Sessions"): sign-in, the session check the core makes, expiry and bounds.
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

namespace {

Reply sign_in(Harness& h, const json& body) {
  return h.call("POST", "/internal/v1/sessions", body.dump(), {}, std::string());
}

Reply current(Harness& h, const std::string& session) {
  return h.get("/internal/v1/sessions/current", session);
}

}  // namespace

TEST_CASE("a member signs in and the session check names the member and company") {
  Harness h;
  Reply in = sign_in(h, {{"company", "acme"}, {"email", "DANA@acme.example"}});
  REQUIRE(in.status == 201);
  const std::string token = in.body["token"];
  CHECK(token.rfind("jws_", 0) == 0);
  CHECK(in.body["member"]["email"] == "dana@acme.example");
  CHECK(in.body["company"]["id"] == "acme");

  Reply who = current(h, token);
  REQUIRE(who.status == 200);
  CHECK(who.body["member"]["id"] == "m-dana");
  CHECK(who.body["member"]["admin"] == true);
  CHECK(who.body["company"] == json{{"id", "acme"}, {"name", "Acme Inc."}});
  CHECK(who.body["expires_at"] == "2026-11-03T02:00:00Z");
  CHECK_FALSE(who.body.contains("token"));
}

TEST_CASE("the session check reads permissions as they are now, not at sign-in") {
  Harness h;
  auto session = h.fake.sign_in("acme", "priya@acme.example");
  REQUIRE(session.ok());
  REQUIRE(h.fake.set_permission("acme", "priya@acme.example", "manage_employees", false).ok());
  Reply who = current(h, *session);
  REQUIRE(who.status == 200);
  CHECK(who.body["member"]["permissions"] == json::array());
}

TEST_CASE("sign-in refuses a person who is no member, or a company that does not exist") {
  Harness h;
  auto [company, email] = GENERATE(table<std::string, std::string>({
      {"acme", "mallory@evil.example"},
      {"acme", "hank@globex.example"},  // a member, of another company
      {"initech", "dana@acme.example"},
  }));
  CAPTURE(company, email);
  Reply in = sign_in(h, {{"company", company}, {"email", email}});
  CHECK(in.status == 401);
  CHECK(in.code() == "unauthorized");
  auto ui = h.fake.sign_in(company, email);
  REQUIRE_FALSE(ui.ok());
  CHECK(ui.status().message().rfind("401", 0) == 0);
}

TEST_CASE("sign-in refuses a malformed body naming the field") {
  Harness h;
  CHECK(h.call("POST", "/internal/v1/sessions", "nope", {}, std::string()).status == 400);
  Reply missing = sign_in(h, {{"company", "acme"}});
  CHECK(missing.status == 400);
  CHECK(missing.field() == "email");
  Reply extra = sign_in(h, {{"company", "acme"}, {"email", "dana@acme.example"}, {"admin", true}});
  CHECK(extra.status == 400);
  CHECK(extra.code() == "unknown_field");
}

TEST_CASE("the session check refuses what is not a live session, API tokens included") {
  Harness h;
  for (const std::string& bearer : {std::string("jws_unknown"), h.acme_token, std::string()}) {
    CAPTURE(bearer);
    Reply who = current(h, bearer);
    CHECK(who.status == 401);
    CHECK(who.code() == "unauthorized");
  }
  // And a session is no API token.
  auto session = h.fake.sign_in("acme", "dana@acme.example");
  REQUIRE(session.ok());
  CHECK(h.get("/v1/company", *session).status == 401);
}

TEST_CASE("a session expires after 12 hours of virtual time") {
  Harness h;
  auto session = h.fake.sign_in("acme", "dana@acme.example");
  REQUIRE(session.ok());
  h.clock.advance_by(12LL * 3600 * 1000 - 1);
  CHECK(current(h, *session).status == 200);
  h.clock.advance_by(1);
  CHECK(current(h, *session).status == 401);
}

TEST_CASE("a member holds at most five sessions: signing in again ends the oldest") {
  Harness h;
  std::vector<std::string> sessions;
  for (int i = 0; i < 7; ++i) {
    auto s = h.fake.sign_in("acme", "dana@acme.example");
    REQUIRE(s.ok());
    sessions.push_back(*s);
  }
  CHECK(current(h, sessions[0]).status == 401);
  CHECK(current(h, sessions[1]).status == 401);
  for (int i = 2; i < 7; ++i) CHECK(current(h, sessions[i]).status == 200);
  // Another member's sessions are untouched.
  auto priya = h.fake.sign_in("acme", "priya@acme.example");
  REQUIRE(priya.ok());
  CHECK(current(h, sessions[6]).status == 200);
}

TEST_CASE("sessions are secrets: listed as issued, masked in the journal") {
  Harness h;
  h.fake.keep_bodies_in_journal(true);
  Reply in = sign_in(h, {{"company", "acme"}, {"email", "dana@acme.example"}});
  REQUIRE(in.status == 201);
  const std::string token = in.body["token"];
  const auto secrets = h.fake.issued_secrets();
  CHECK(std::find(secrets.begin(), secrets.end(), token) != secrets.end());
  CHECK(h.fake.journal().to_json().dump().find(token) == std::string::npos);
}

TEST_CASE("the UI sign-in with no email signs in the first admin with manage_employees") {
  Harness h;
  auto session = h.fake.sign_in("acme", "");
  REQUIRE(session.ok());
  CHECK(current(h, *session).body["member"]["id"] == "m-dana");
}
