// Contract tests: Invite New Member and dismiss (REVIEW-1).
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("invite makes an invited member and takes the hire off the pending list") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.action(id, "invite", "dana@acme.example");
  REQUIRE(reply.status == 200);
  const json& member = reply.body["member"];
  CHECK(member["id"].get<std::string>().rfind("m_", 0) == 0);
  CHECK(member["status"] == "invited");
  CHECK(member["email"] == "jane@example.com");
  CHECK(reply.body["pending_hire"]["status"] == "invited");
  CHECK(reply.body["pending_hire"]["member_id"] == member["id"]);

  CHECK(h.get("/internal/v1/pending_hires?status=pending").body["items"].empty());
  CHECK(h.get("/internal/v1/members?email=jane@example.com").body["items"][0] == member);
  CHECK(h.get("/internal/v1/employees/summary").body ==
        json{{"active", 4}, {"invited", 1}, {"pending_hires", 0}});
}

TEST_CASE("the invited member carries the reviewed fields") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.action(id, "invite");
  REQUIRE(reply.status == 200);
  json expected = json::parse(R"({"first_name": "Jane", "last_name": "Doe",
      "email": "jane@example.com", "admin": false, "permissions": [], "status": "invited",
      "title": "Staff Engineer", "department": "Engineering", "office": "New York",
      "manager": {"name": "Priya Raman", "email": "priya@acme.example"},
      "start_date": "2027-01-04", "member_type": "full_time"})");
  expected["id"] = reply.body["member"]["id"];
  CHECK(reply.body["member"] == expected);
}

TEST_CASE("invite of a W-2 hire names the first missing required field") {
  // Each row: the fields cleared, and the field the 422 must name.
  auto [cleared, field] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"first_name"}, "first_name"},
      {{"last_name"}, "last_name"},
      {{"home_email"}, "home_email"},
      {{"start_date"}, "start_date"},
      {{"member_type"}, "member_type"},
      {{"compensation_amount"}, "compensation_amount"},
      {{"type_of_earnings"}, "type_of_earnings"},
      {{"exemption_status"}, "exemption_status"},
      // The order is stable: the earliest missing field is named.
      {{"exemption_status", "start_date", "last_name"}, "last_name"},
      {{"type_of_earnings", "compensation_amount"}, "compensation_amount"},
  }));
  const std::string member_type = GENERATE(as<std::string>(), "full_time", "part_time", "intern");
  CAPTURE(cleared, member_type);
  Harness h;
  json changes = {{"member_type", member_type}};
  for (const auto& key : cleared) changes[key] = nullptr;
  const std::string id = h.create_jane(changes);
  Reply reply = h.action(id, "invite");
  CHECK(reply.status == 422);
  CHECK(reply.code() == "required");
  CHECK(reply.field() == field);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "pending");
  CHECK(h.get("/internal/v1/employees/summary").body["invited"] == 0);
}

TEST_CASE("invite of a contractor needs no pay or exemption") {
  Harness h;
  const std::string id = h.create_jane({{"member_type", "contractor"},
                                        {"compensation_amount", nullptr},
                                        {"type_of_earnings", nullptr},
                                        {"exemption_status", nullptr}});
  CHECK(h.action(id, "invite").status == 200);
}

TEST_CASE("invite of a contractor still needs names, an email, start date") {
  const std::string field =
      GENERATE(as<std::string>(), "first_name", "last_name", "home_email", "start_date");
  Harness h;
  const std::string id = h.create_jane({{"member_type", "contractor"}, {field, nullptr}});
  Reply reply = h.action(id, "invite");
  CHECK(reply.status == 422);
  CHECK(reply.field() == field);
}

TEST_CASE("a work email set in Review & Invite is enough to invite, and is used") {
  Harness h;
  const std::string id = h.create_jane({{"home_email", nullptr}});
  REQUIRE(h.patch(id, {{"work_email", "jane@acme.example"}}).status == 200);
  Reply reply = h.action(id, "invite");
  REQUIRE(reply.status == 200);
  CHECK(reply.body["member"]["email"] == "jane@acme.example");
}

TEST_CASE("invite takes Review & Invite edits in its body, all or nothing") {
  Harness h;
  const std::string id = h.create_jane({{"start_date", nullptr}});
  Reply refused = h.action(id, "invite", "", R"({"title": "Lead", "member_type": "intern"})");
  CHECK(refused.status == 422);
  CHECK(refused.field() == "start_date");
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["title"] == "Staff Engineer");

  Reply ok = h.action(id, "invite", "", R"({"title": "Lead", "start_date": "2027-02-01"})");
  REQUIRE(ok.status == 200);
  CHECK(ok.body["member"]["title"] == "Lead");
  CHECK(ok.body["member"]["start_date"] == "2027-02-01");
}

TEST_CASE("invite refuses an email that already belongs to a member") {
  Harness h;
  const std::string id =
      h.create_jane({{"home_email", "SAM@acme.example"}, {"flags", {"possible_duplicate"}}});
  Reply reply = h.action(id, "invite");
  CHECK(reply.status == 422);
  CHECK(reply.code() == "email_taken");
  CHECK(reply.field() == "home_email");
  CHECK(h.get("/internal/v1/members").body["items"].size() == 4);
}

TEST_CASE("invite or dismiss of a hire no longer pending answers 409") {
  auto [first, second] = GENERATE(table<std::string, std::string>({{"invite", "invite"},
                                                                   {"invite", "dismiss"},
                                                                   {"dismiss", "invite"},
                                                                   {"dismiss", "dismiss"}}));
  CAPTURE(first, second);
  Harness h;
  const std::string id = h.create_jane();
  REQUIRE(h.action(id, first).status == 200);
  Reply reply = h.action(id, second);
  CHECK(reply.status == 409);
  CHECK(reply.code() == "not_pending");
  CHECK(h.get("/internal/v1/members").body["items"].size() == (first == "invite" ? 5u : 4u));
}

TEST_CASE("invite or dismiss of an unknown pending hire answers 404") {
  const std::string verb = GENERATE(as<std::string>(), "invite", "dismiss");
  Harness h;
  CHECK(h.action("ph_unknown", verb).status == 404);
}

TEST_CASE("dismiss marks the hire dismissed: it leaves the pending list but stays readable") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.action(id, "dismiss", "priya@acme.example");
  REQUIRE(reply.status == 200);
  CHECK(reply.body["status"] == "dismissed");
  CHECK(h.get("/internal/v1/employees/summary").body["pending_hires"] == 0);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "dismissed");
  CHECK(h.get("/internal/v1/members").body["items"].size() == 4);
}

TEST_CASE("dismiss refuses a body with fields, or malformed JSON, with 400") {
  auto [body, code] = GENERATE(table<std::string, std::string>(
      {{R"({"reason": "dup"})", "unknown_field"}, {"{", "invalid_json"}, {"[]", "invalid_type"}}));
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.action(id, "dismiss", "", body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "pending");
}
