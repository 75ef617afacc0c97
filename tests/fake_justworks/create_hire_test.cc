// Contract tests: POST /internal/v1/pending_hires — the record, idempotency, and
// every refusal (400 shape, 409 key reuse, 413 size, 422 values).
#include "harness.h"

using jw_test::Harness;
using jw_test::jane_hire;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("a create answers 201 with the record: every §5 key plus what Justworks adds") {
  Harness h;
  Reply reply = h.create_hire(jane_hire());
  REQUIRE(reply.status == 201);
  json expected = jane_hire();
  expected["work_email"] = nullptr;
  expected["status"] = "pending";
  expected["member_id"] = nullptr;
  expected["created_at"] = "2026-11-02T14:00:00Z";
  expected["id"] = reply.body["id"];
  expected["review_url"] = h.fake.base_url() + "/review/" + reply.body["id"].get<std::string>();
  CHECK(reply.body == expected);
  CHECK(reply.body["id"].get<std::string>().rfind("ph_", 0) == 0);
  CHECK(h.get("/internal/v1/pending_hires/" + reply.body["id"].get<std::string>()).body ==
        expected);
}

TEST_CASE("created_at is the virtual time of the create") {
  Harness h;
  h.clock.advance_by(90 * 60 * 1000);
  Reply reply = h.create_hire(jane_hire());
  CHECK(reply.body["created_at"] == "2026-11-02T15:30:00Z");
}

TEST_CASE("the same key and body replays: 200 with the same record, nothing new") {
  Harness h;
  Reply first = h.create_hire(jane_hire(), "k");
  // Same JSON value, other key order and spacing.
  std::string reordered = "{\n  \"notes\": " + jane_hire()["notes"].dump() + ",";
  json rest = jane_hire();
  rest.erase("notes");
  reordered += rest.dump().substr(1);
  Reply again = h.call("POST", "/internal/v1/pending_hires", reordered, {{"Idempotency-Key", "k"}});
  CHECK(first.status == 201);
  CHECK(again.status == 200);
  CHECK(again.body == first.body);
  CHECK(h.hires().size() == 1);
}

TEST_CASE("the same key with another body answers 409 and changes nothing") {
  Harness h;
  Reply first = h.create_hire(jane_hire(), "k");
  json other = jane_hire();
  other["title"] = "Principal Engineer";
  Reply reply = h.create_hire(other, "k");
  CHECK(reply.status == 409);
  CHECK(reply.code() == "idempotency_key_reused");
  REQUIRE(h.hires().size() == 1);
  CHECK(h.hires()[0]["title"] == "Staff Engineer");
}

TEST_CASE("a create without a usable Idempotency-Key answers 400") {
  // An empty key stands for no header at all.
  auto [key, code] = GENERATE(table<std::string, std::string>({
      {"", "missing_idempotency_key"},
      {std::string(256, 'k'), "invalid_idempotency_key"},
      {"tab\there", "invalid_idempotency_key"},
  }));
  Harness h;
  std::map<std::string, std::string> headers;
  if (!key.empty()) headers["Idempotency-Key"] = key;
  Reply reply = h.call("POST", "/internal/v1/pending_hires", jane_hire().dump(), headers);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(reply.field() == "Idempotency-Key");
  CHECK(h.hires().empty());
}

TEST_CASE("a create whose body is not a JSON object answers 400") {
  auto [body, code] = GENERATE(table<std::string, std::string>({
      {"", "invalid_json"},
      {"{\"first_name\": ", "invalid_json"},
      {"{'a': 1}", "invalid_json"},
      {"[1, 2]", "invalid_type"},
      {"\"text\"", "invalid_type"},
      {"null", "invalid_type"},
  }));
  CAPTURE(body);
  Harness h;
  Reply reply = h.call("POST", "/internal/v1/pending_hires", body, {{"Idempotency-Key", "k"}});
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(h.hires().empty());
}

TEST_CASE("a create with an unknown, assigned or missing key answers 400 naming it") {
  auto [change, code, field] = GENERATE(table<std::string, std::string, std::string>({
      {R"({"salary": 1})", "unknown_field", "salary"},
      {R"({"id": "ph_mine"})", "read_only_field", "id"},
      {R"({"status": "invited"})", "read_only_field", "status"},
      {R"({"manager": {"name": "Priya Raman", "email": "priya@acme.example", "phone": "1"}})",
       "unknown_field", "manager.phone"},
      {R"({"manager": {"name": "Priya Raman"}})", "missing_field", "manager.email"},
  }));
  CAPTURE(change);
  Harness h;
  json body = jane_hire();
  body.update(json::parse(change));
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == code);
  CHECK(reply.field() == field);
  CHECK(h.hires().empty());
}

TEST_CASE("a create missing any §5 key answers 400 naming the key") {
  const std::string key =
      GENERATE(as<std::string>(), "source", "lever_opportunity_id", "lever_contact_id",
               "first_name", "last_name", "home_email", "title", "department", "office", "manager",
               "start_date", "member_type", "compensation_amount", "type_of_earnings",
               "exemption_status", "flags", "notes");
  CAPTURE(key);
  Harness h;
  json body = jane_hire();
  body.erase(key);
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == "missing_field");
  CHECK(reply.field() == key);
  CHECK(h.hires().empty());
}

TEST_CASE("a create with a value of the wrong JSON type answers 400 naming the field") {
  auto [key, value] = GENERATE(table<std::string, std::string>({
      {"first_name", "42"},
      {"home_email", "[\"jane@example.com\"]"},
      {"compensation_amount", "\"185000\""},
      {"compensation_amount", "true"},
      {"start_date", "20270104"},
      {"manager", "\"Priya Raman\""},
      {"manager", R"({"name": 1, "email": "priya@acme.example"})"},
      {"flags", "\"possible_duplicate\""},
      {"flags", "[1]"},
      {"notes", "[\"office\"]"},
      {"notes", R"([{"field": "office"}])"},
      {"source", "1"},
  }));
  CAPTURE(key, value);
  Harness h;
  json body = jane_hire();
  body[key] = json::parse(value);
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 400);
  CHECK(reply.code() == "invalid_type");
  CHECK_THAT(reply.field().get<std::string>(), Catch::StartsWith(key));
  CHECK(h.hires().empty());
}

TEST_CASE("a create with a value Justworks refuses answers 422 naming the field") {
  auto [key, value, field] = GENERATE(table<std::string, std::string, std::string>({
      {"type_of_earnings", "\"monthly\"", "type_of_earnings"},
      {"type_of_earnings", "\"per-year-salary\"", "type_of_earnings"},
      {"type_of_earnings", "\"Salary\"", "type_of_earnings"},
      {"member_type", "\"full-time\"", "member_type"},
      {"member_type", "\"temp\"", "member_type"},
      {"exemption_status", "\"nonexempt\"", "exemption_status"},
      {"start_date", "\"2027-02-30\"", "start_date"},
      {"start_date", "\"04/01/2027\"", "start_date"},
      {"start_date", "\"2027-1-4\"", "start_date"},
      {"home_email", "\"jane.example.com\"", "home_email"},
      {"home_email", "\"jane@example\"", "home_email"},
      {"compensation_amount", "0", "compensation_amount"},
      {"compensation_amount", "-5", "compensation_amount"},
      {"compensation_amount", "12.345", "compensation_amount"},
      {"first_name", "\"\"", "first_name"},
      {"last_name", "\"  \"", "last_name"},
      {"title", "\" Staff Engineer\"", "title"},
      {"first_name", "\"Jane\\nDoe\"", "first_name"},
      {"department", "\"Marketing\"", "department"},
      {"office", "\"Berlin\"", "office"},
      {"manager", R"({"name": "Ghost", "email": "ghost@acme.example"})", "manager.email"},
      {"manager", R"({"name": "", "email": "priya@acme.example"})", "manager.name"},
      {"source", "\"greenhouse\"", "source"},
      {"lever_opportunity_id", "null", "lever_opportunity_id"},
      {"lever_contact_id", "\"\"", "lever_contact_id"},
      {"flags", "[\"\"]", "flags"},
      {"notes", R"([{"field": "office", "reason": ""}])", "notes"},
  }));
  CAPTURE(key, value);
  Harness h;
  json body = jane_hire();
  body[key] = json::parse(value);
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 422);
  CHECK(reply.field() == field);
  CHECK_THAT(reply.body["error"]["message"].get<std::string>(), Catch::Contains(field));
  CHECK(h.hires().empty());
}

TEST_CASE("type_of_earnings 'monthly' is refused with the REVIEW-2 explanation") {
  Harness h;
  json body = jane_hire();
  body["type_of_earnings"] = "monthly";
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 422);
  CHECK(reply.code() == "invalid_value");
  CHECK_THAT(reply.body["error"]["message"].get<std::string>(),
             Catch::Contains("salary (per year) or wage (per hour)"));
}

TEST_CASE("a create accepts null for every optional value and a wage with cents") {
  Harness h;
  json body = jane_hire();
  for (const char* key : {"first_name", "last_name", "home_email", "title", "department", "office",
                          "manager", "start_date", "member_type", "exemption_status"}) {
    body[key] = nullptr;
  }
  body["compensation_amount"] = 31.75;
  body["type_of_earnings"] = "wage";
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 201);
  CHECK(reply.body["compensation_amount"] == 31.75);
  CHECK(reply.body["first_name"] == nullptr);
}

TEST_CASE("department and office are stored as Justworks spells them") {
  Harness h;
  json body = jane_hire();
  body["department"] = "engineering";
  body["office"] = "NEW YORK";
  Reply reply = h.create_hire(body);
  REQUIRE(reply.status == 201);
  CHECK(reply.body["department"] == "Engineering");
  CHECK(reply.body["office"] == "New York");
}

TEST_CASE("a refused create does not consume its Idempotency-Key") {
  Harness h;
  json bad = jane_hire();
  bad["type_of_earnings"] = "monthly";
  CHECK(h.create_hire(bad, "k").status == 422);
  Reply fixed = h.create_hire(jane_hire(), "k");
  CHECK(fixed.status == 201);
  CHECK(h.hires().size() == 1);
}

TEST_CASE("a body over 1 MiB answers 413 with a JSON error and creates nothing") {
  Harness h;
  json body = jane_hire();
  body["title"] = std::string((1 << 20) + 10, 'x');
  Reply reply = h.create_hire(body);
  CHECK(reply.status == 413);
  CHECK(reply.code() == "payload_too_large");
  CHECK(h.hires().empty());
  CHECK(h.get("/v1/company").status == 200);  // the server still answers
}

TEST_CASE("a deeply nested body is refused without crashing the server") {
  Harness h;
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  Reply reply = h.call("POST", "/internal/v1/pending_hires", deep, {{"Idempotency-Key", "k"}});
  CHECK(reply.status == 400);
  CHECK(h.get("/v1/company").status == 200);
}
