// Contract tests: PATCH /internal/v1/pending_hires/{id} (Review & Invite edits) and
// who may act in Review & Invite.
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("PATCH applies Review & Invite edits and answers the record") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.patch(id, {{"title", "Principal Engineer"},
                             {"work_email", "jane@acme.example"},
                             {"office", "remote"},
                             {"manager", nullptr},
                             {"compensation_amount", 190000}});
  REQUIRE(reply.status == 200);
  CHECK(reply.body["title"] == "Principal Engineer");
  CHECK(reply.body["work_email"] == "jane@acme.example");
  CHECK(reply.body["office"] == "Remote");
  CHECK(reply.body["manager"] == nullptr);
  CHECK(reply.body["compensation_amount"] == 190000);
  CHECK(reply.body["first_name"] == "Jane");  // untouched
  CHECK(h.get("/internal/v1/pending_hires/" + id).body == reply.body);
}

TEST_CASE("PATCH with an empty object changes nothing") {
  Harness h;
  const std::string id = h.create_jane();
  const json before = h.get("/internal/v1/pending_hires/" + id).body;
  Reply reply = h.patch(id, json::object());
  CHECK(reply.status == 200);
  CHECK(reply.body == before);
}

TEST_CASE("PATCH refuses a bad value with 422 and keeps the whole record as it was") {
  Harness h;
  const std::string id = h.create_jane();
  const json before = h.get("/internal/v1/pending_hires/" + id).body;
  // The valid title must not be kept when the earnings type is refused.
  Reply reply = h.patch(id, {{"title", "Principal Engineer"}, {"type_of_earnings", "monthly"}});
  CHECK(reply.status == 422);
  CHECK(reply.field() == "type_of_earnings");
  CHECK(h.get("/internal/v1/pending_hires/" + id).body == before);
}

TEST_CASE("PATCH refuses keys it may not change with 400") {
  auto [edit, code, field] = GENERATE(table<std::string, std::string, std::string>({
      {R"({"source": "lever"})", "read_only_field", "source"},
      {R"({"lever_opportunity_id": "opp-x"})", "read_only_field", "lever_opportunity_id"},
      {R"({"flags": []})", "read_only_field", "flags"},
      {R"({"notes": []})", "read_only_field", "notes"},
      {R"({"status": "invited"})", "read_only_field", "status"},
      {R"({"nickname": "JD"})", "unknown_field", "nickname"},
      {R"({"title": 7})", "invalid_type", "title"},
  }));
  CAPTURE(edit);
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.call("PATCH", "/internal/v1/pending_hires/" + id, edit);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(reply.field() == field);
}

TEST_CASE("PATCH of malformed JSON answers 400") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = h.call("PATCH", "/internal/v1/pending_hires/" + id, "{title:");
  CHECK(reply.status == 400);
  CHECK(reply.code() == "invalid_json");
}

TEST_CASE("PATCH of an unknown pending hire answers 404, whatever the body") {
  const std::string body = GENERATE(as<std::string>(), R"({"title": "X"})", "{title:", "[]");
  Harness h;
  Reply reply = h.call("PATCH", "/internal/v1/pending_hires/ph_nope", body);
  CHECK(reply.status == 404);
  CHECK(reply.code() == "not_found");
}

TEST_CASE("PATCH of a hire no longer pending answers 409") {
  const std::string verb = GENERATE(as<std::string>(), "invite", "dismiss");
  Harness h;
  const std::string id = h.create_jane();
  REQUIRE(h.action(id, verb).status == 200);
  Reply reply = h.patch(id, {{"title", "X"}});
  CHECK(reply.status == 409);
  CHECK(reply.code() == "not_pending");
}

TEST_CASE("only an active admin holding manage_employees may act in Review & Invite") {
  auto [actor, allowed] = GENERATE(table<std::string, bool>({
      {"dana@acme.example", true},
      {"PRIYA@acme.example", true},
      {"marcus@acme.example", false},  // admin without manage_employees
      {"sam@acme.example", false},     // not an admin
      {"nobody@acme.example", false},  // not a member
      {"hank@globex.example", false},  // another company's admin
  }));
  const std::string verb = GENERATE(as<std::string>(), "edit", "invite", "dismiss");
  CAPTURE(actor, verb);
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = verb == "edit" ? h.patch(id, {{"title", "X"}}, actor) : h.action(id, verb, actor);
  if (allowed) {
    CHECK(reply.status == 200);
  } else {
    CHECK(reply.status == 403);
    CHECK(reply.code() == "forbidden");
    CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "pending");
    CHECK(h.get("/internal/v1/pending_hires/" + id).body["title"] == "Staff Engineer");
  }
}

TEST_CASE("without an actor, a company with no eligible admin cannot act") {
  Harness h;
  REQUIRE(h.fake.set_permission("acme", "dana@acme.example", "manage_employees", false).ok());
  REQUIRE(h.fake.set_permission("acme", "priya@acme.example", "manage_employees", false).ok());
  const std::string id = h.create_jane();
  CHECK(h.patch(id, {{"title", "X"}}).status == 403);
}
