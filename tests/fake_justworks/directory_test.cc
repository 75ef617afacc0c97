// Contract tests: the company, its departments, offices, members and the
// employees summary. The public API's two calls (/v1/company, /v1/members)
// are in public_api_test.cc.
#include "harness.h"

using jw_test::Harness;
using jw_test::ids_of;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("GET /internal/v1/members lists every member with every key") {
  Harness h;
  Reply reply = h.get("/internal/v1/members");
  REQUIRE(reply.status == 200);
  CHECK(ids_of(reply.body["items"]) ==
        std::vector<std::string>{"m-dana", "m-priya", "m-marcus", "m-sam"});
  const json& dana = reply.body["items"][0];
  CHECK(dana == json::parse(R"({"id": "m-dana", "first_name": "Dana", "last_name": "Ng",
      "email": "dana@acme.example", "admin": true, "permissions": ["manage_employees", "documents"],
      "status": "active", "title": "Head of People", "department": null, "office": null,
      "manager": null, "start_date": null, "member_type": null})"));
  const json& sam = reply.body["items"][3];
  CHECK(sam["admin"] == false);
  CHECK(sam["permissions"] == json::array());
  CHECK(sam["title"] == nullptr);
}

TEST_CASE("GET /internal/v1/members?permission= lists the holders of a permission") {
  Harness h;
  CHECK(ids_of(h.get("/internal/v1/members?permission=manage_employees").body["items"]) ==
        std::vector<std::string>{"m-dana", "m-priya"});
  CHECK(ids_of(h.get("/internal/v1/members?permission=view_invoices").body["items"]) ==
        std::vector<std::string>{"m-marcus"});
  CHECK(h.get("/internal/v1/members?permission=manage_benefits").body["items"].empty());
}

TEST_CASE("GET /internal/v1/members?email= matches case-insensitively") {
  Harness h;
  CHECK(ids_of(h.get("/internal/v1/members?email=DANA%40Acme.Example").body["items"]) ==
        std::vector<std::string>{"m-dana"});
  CHECK(ids_of(h.get("/internal/v1/members?email=dana@acme.example&permission=manage_employees")
                   .body["items"]) == std::vector<std::string>{"m-dana"});
  CHECK(h.get("/internal/v1/members?email=nobody@acme.example").body["items"].empty());
}

TEST_CASE("list calls refuse unknown, repeated or invalid query parameters") {
  auto [target, code, field] = GENERATE(table<std::string, std::string, std::string>({
      {"/internal/v1/members?permission=admin", "invalid_parameter", "permission"},
      {"/internal/v1/members?limit=10", "unknown_parameter", "limit"},
      {"/internal/v1/members?email=a@b.c&email=d@e.f", "duplicate_parameter", "email"},
      {"/internal/v1/pending_hires?status=archived", "invalid_parameter", "status"},
      {"/internal/v1/pending_hires?cursor=x", "unknown_parameter", "cursor"},
      {"/v1/company?x=1", "unknown_parameter", "x"},
      {"/internal/v1/emails?from=x", "unknown_parameter", "from"},
  }));
  CAPTURE(target);
  Harness h;
  Reply reply = h.get(target);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(reply.field() == field);
}

TEST_CASE("GET /internal/v1/employees/summary counts members and pending hires") {
  Harness h;
  CHECK(h.get("/internal/v1/employees/summary").body ==
        json{{"active", 4}, {"invited", 0}, {"pending_hires", 0}});
  h.create_jane();
  CHECK(h.get("/internal/v1/employees/summary").body["pending_hires"] == 1);
}

TEST_CASE("an unknown route answers a JSON 404") {
  Harness h;
  Reply reply = h.get("/v1/nothing-here");
  CHECK(reply.status == 404);
  CHECK(reply.code() == "not_found");
  CHECK(h.call("DELETE", "/v1/company").status == 404);
}
