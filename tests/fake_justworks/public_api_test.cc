// Contract tests: the two calls Justworks' public partner API has and the
// sync reads, in that API's shapes (docs/justworks-api.md, "Public API"):
// GET /v1/company and GET /v1/members with {items, next_cursor} paging.
#include "harness.h"

using jw_test::Harness;
using jw_test::ids_of;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("GET /v1/company answers display and legal name with departments and offices") {
  Harness h;
  CHECK(h.get("/v1/company").body == json::parse(R"({
      "id": "acme", "display_name": "Acme Inc.", "legal_name": "Acme Inc.",
      "departments": [{"id": "dep_1", "name": "Engineering"}, {"id": "dep_2", "name": "Sales"}],
      "offices": [{"id": "off_1", "name": "New York"}, {"id": "off_2", "name": "Remote"}]})"));
}

TEST_CASE("GET /v1/members lists members in the public shape, without permissions") {
  Harness h;
  Reply reply = h.get("/v1/members");
  REQUIRE(reply.status == 200);
  CHECK(reply.body["next_cursor"] == nullptr);
  CHECK(ids_of(reply.body["items"]) ==
        std::vector<std::string>{"m-dana", "m-priya", "m-marcus", "m-sam"});
  CHECK(reply.body["items"][0] == json::parse(R"({
      "id": "m-dana", "company_id": "acme",
      "name": {"given_name": "Dana", "family_name": "Ng"}, "active": true,
      "emails": [{"address": "dana@acme.example"}],
      "job_title": "Head of People", "department": null, "office": null, "manager": null,
      "employment_start_date": null, "employment_termination_date": null})"));
  for (const json& m : reply.body["items"]) {
    CAPTURE(m);
    CHECK_FALSE(m.contains("permissions"));
    CHECK_FALSE(m.contains("admin"));
  }
}

TEST_CASE("GET /v1/members pages with limit and the cursor it hands out") {
  Harness h;
  Reply first = h.get("/v1/members?limit=3");
  REQUIRE(first.status == 200);
  CHECK(ids_of(first.body["items"]) == std::vector<std::string>{"m-dana", "m-priya", "m-marcus"});
  REQUIRE(first.body["next_cursor"].is_string());
  Reply second =
      h.get("/v1/members?limit=3&cursor=" + first.body["next_cursor"].get<std::string>());
  REQUIRE(second.status == 200);
  CHECK(ids_of(second.body["items"]) == std::vector<std::string>{"m-sam"});
  CHECK(second.body["next_cursor"] == nullptr);
  // A page of exactly the rest ends the list too.
  CHECK(h.get("/v1/members?limit=4").body["next_cursor"] == nullptr);
  CHECK(h.get("/v1/members?limit=1").body["items"].size() == 1);
  CHECK(h.get("/v1/members?limit=100").body["items"].size() == 4);
}

TEST_CASE("GET /v1/members filters by status: every fake member is active") {
  Harness h;
  CHECK(h.get("/v1/members?status=active").body["items"].size() == 4);
  CHECK(h.get("/v1/members?status=terminated").body ==
        json::parse(R"({"items": [], "next_cursor": null})"));
}

TEST_CASE("GET /v1/members refuses a limit out of bounds, a bad cursor or status: 400") {
  auto [query, field] = GENERATE(table<std::string, std::string>({
      {"limit=0", "limit"},
      {"limit=101", "limit"},
      {"limit=-1", "limit"},
      {"limit=ten", "limit"},
      {"limit=", "limit"},
      {"limit=2.5", "limit"},
      {"cursor=garbage", "cursor"},
      {"cursor=mc_0", "cursor"},
      {"cursor=mc_4", "cursor"},
      {"cursor=mc_99", "cursor"},
      {"cursor=", "cursor"},
      {"status=invited", "status"},
      {"email=dana@acme.example", "email"},
      {"permission=manage_employees", "permission"},
  }));
  CAPTURE(query);
  Harness h;
  Reply reply = h.get("/v1/members?" + query);
  CHECK(reply.status == 400);
  CHECK(reply.field() == field);
}

TEST_CASE("GET /v1/members shows an invited member with the pending hire's job") {
  Harness h;
  const std::string id = h.create_jane();
  REQUIRE(h.action(id, "invite", "dana@acme.example").status == 200);
  const json items = h.get("/v1/members").body["items"];
  REQUIRE(items.size() == 5);
  json jane = items[4];
  CHECK(jane["id"].get<std::string>().rfind("m_", 0) == 0);
  jane.erase("id");
  CHECK(jane == json::parse(R"({
      "company_id": "acme", "name": {"given_name": "Jane", "family_name": "Doe"},
      "active": true, "emails": [{"address": "jane@example.com"}],
      "job_title": "Staff Engineer", "department": {"id": "dep_1", "name": "Engineering"},
      "office": {"id": "off_1", "name": "New York"}, "manager": {"id": "m-priya"},
      "employment_start_date": "2027-01-04", "employment_termination_date": null})"));
}
