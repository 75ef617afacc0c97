// Contract tests: bearer-token auth, and isolation between companies (SEC-4).
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("every API call without a valid bearer token answers 401") {
  auto [method, target] = GENERATE(table<std::string, std::string>({
      {"GET", "/v1/company"},
      {"GET", "/v1/members"},
      {"GET", "/internal/v1/members"},
      {"GET", "/internal/v1/employees/summary"},
      {"GET", "/internal/v1/pending_hires"},
      {"POST", "/internal/v1/pending_hires"},
      {"GET", "/internal/v1/pending_hires/ph_x"},
      {"PATCH", "/internal/v1/pending_hires/ph_x"},
      {"POST", "/internal/v1/pending_hires/ph_x/invite"},
      {"POST", "/internal/v1/pending_hires/ph_x/dismiss"},
      {"POST", "/internal/v1/emails"},
      {"GET", "/internal/v1/emails"},
  }));
  auto [authorization] =
      GENERATE(table<std::string>({{""}, {"Bearer "}, {"Bearer jw_wrong"}, {"Basic abc"}}));
  CAPTURE(method, target, authorization);
  Harness h;
  std::map<std::string, std::string> headers;
  if (!authorization.empty()) headers["Authorization"] = authorization;
  Reply reply = h.call(method, target, "{}", headers, std::string());
  CHECK(reply.status == 401);
  CHECK(reply.code() == "unauthorized");
}

TEST_CASE("a token in a lower-case bearer scheme or with the token of another scheme is refused") {
  Harness h;
  Reply reply = h.call("GET", "/v1/company", "", {{"Authorization", "bearer " + h.acme_token}},
                       std::string());
  CHECK(reply.status == 401);
}

TEST_CASE("each token sees its own company") {
  Harness h;
  CHECK(h.get("/v1/company").body["display_name"] == "Acme Inc.");
  CHECK(h.get("/v1/company", h.globex_token).body["display_name"] == "Globex");
  CHECK(h.get("/internal/v1/members", h.globex_token).body["items"].size() == 1);
}

TEST_CASE("a pending hire of one company is invisible to another company's token") {
  Harness h;
  const std::string id = h.create_jane();
  CHECK(h.hires(h.globex_token).empty());
  CHECK(h.get("/internal/v1/pending_hires/" + id, h.globex_token).status == 404);
  Reply edit =
      h.call("PATCH", "/internal/v1/pending_hires/" + id, R"({"title": "X"})", {}, h.globex_token);
  CHECK(edit.status == 404);
  CHECK(h.call("POST", "/internal/v1/pending_hires/" + id + "/invite", "", {}, h.globex_token)
            .status == 404);
  CHECK(h.call("POST", "/internal/v1/pending_hires/" + id + "/dismiss", "", {}, h.globex_token)
            .status == 404);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "pending");
  CHECK(h.get("/internal/v1/employees/summary", h.globex_token).body["pending_hires"] == 0);
}

TEST_CASE("the same Idempotency-Key in two companies makes two records") {
  Harness h;
  json globex_hire = jw_test::jane_hire();
  globex_hire["department"] = "Research";
  globex_hire["office"] = nullptr;
  globex_hire["manager"] = nullptr;
  Reply a = h.create_hire(jw_test::jane_hire(), "shared-key");
  Reply b = h.create_hire(globex_hire, "shared-key", h.globex_token);
  CHECK(a.status == 201);
  CHECK(b.status == 201);
  CHECK(a.body["id"] != b.body["id"]);
}

TEST_CASE("another company's department, manager or recipient is refused") {
  Harness h;
  json body = jw_test::jane_hire();
  body["department"] = "Research";  // Globex's
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 422);
  CHECK(reply.field() == "department");

  Reply mail = h.call("POST", "/internal/v1/emails",
                      json{{"to", "hank@globex.example"},
                           {"subject", "s"},
                           {"text", "t"},
                           {"link", "http://x.example"}}
                          .dump(),
                      {{"Idempotency-Key", "m1"}});
  CHECK(mail.status == 422);
  CHECK(mail.field() == "to");
}

TEST_CASE("emails of one company are invisible to another's token") {
  Harness h;
  Reply sent = h.call("POST", "/internal/v1/emails",
                      json{{"to", "dana@acme.example"},
                           {"subject", "s"},
                           {"text", "t"},
                           {"link", "http://x.example"}}
                          .dump(),
                      {{"Idempotency-Key", "m1"}});
  REQUIRE(sent.status == 201);
  CHECK(h.get("/internal/v1/emails", h.globex_token).body["items"].empty());
  CHECK(h.fake.emails("globex").empty());
}
