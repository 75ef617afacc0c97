// Contract tests: the UI actions the scenario runner calls in C++
// (justworks.review / invite / dismiss / set_permission) and the views.
#include "harness.h"

using hiresync::Status;
using jw_test::Harness;
using nlohmann::json;

TEST_CASE("review edits a pending hire like PATCH does") {
  Harness h;
  const std::string id = h.create_jane();
  CHECK(h.fake.review("acme", id, {{"title", "Lead"}}, "dana@acme.example").ok());
  CHECK(h.fake.pending_hires("acme")[0]["title"] == "Lead");
}

TEST_CASE("review refuses a bad value with a message naming the field") {
  Harness h;
  const std::string id = h.create_jane();
  Status status = h.fake.review("acme", id, {{"type_of_earnings", "monthly"}}, "");
  CHECK(status.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(status.message(), Catch::Contains("type_of_earnings"));
  CHECK(h.fake.pending_hires("acme")[0]["type_of_earnings"] == "salary");
}

TEST_CASE("invite through the UI names the first missing field") {
  Harness h;
  const std::string id = h.create_jane({{"start_date", nullptr}});
  Status status = h.fake.invite("acme", id, "");
  CHECK(status.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(status.message(), Catch::Contains("start_date"));
}

TEST_CASE("invite through the UI makes an invited member") {
  Harness h;
  const std::string id = h.create_jane();
  REQUIRE(h.fake.invite("acme", id, "priya@acme.example").ok());
  const json members = h.fake.members("acme");
  CHECK(members.size() == 5);
  CHECK(members.back()["status"] == "invited");
  CHECK(h.fake.pending_hires("acme")[0]["status"] == "invited");
}

TEST_CASE("UI actions map refusals to Status codes") {
  Harness h;
  const std::string id = h.create_jane();
  CHECK(h.fake.invite("nope", id, "").code() == Status::Code::kNotFound);
  CHECK(h.fake.invite("acme", "ph_nope", "").code() == Status::Code::kNotFound);
  CHECK(h.fake.invite("globex", id, "").code() == Status::Code::kNotFound);
  CHECK(h.fake.dismiss("acme", id, "sam@acme.example").code() == Status::Code::kPermissionDenied);
  CHECK(h.fake.review("acme", id, json::array(), "").code() == Status::Code::kInvalidArgument);
  REQUIRE(h.fake.dismiss("acme", id, "").ok());
  CHECK(h.fake.dismiss("acme", id, "").code() == Status::Code::kConflict);
  CHECK(h.fake.review("acme", id, {{"title", "X"}}, "").code() == Status::Code::kConflict);
}

TEST_CASE("set_permission grants and revokes; granting makes an admin") {
  Harness h;
  REQUIRE(h.fake.set_permission("acme", "SAM@acme.example", "manage_employees", true).ok());
  json sam = h.get("/internal/v1/members?email=sam@acme.example").body["items"][0];
  CHECK(sam["admin"] == true);
  CHECK(sam["permissions"] == json::array({"manage_employees"}));
  CHECK(h.get("/internal/v1/members?permission=manage_employees").body["items"].size() == 3);

  REQUIRE(h.fake.set_permission("acme", "dana@acme.example", "manage_employees", false).ok());
  json dana = h.get("/internal/v1/members?email=dana@acme.example").body["items"][0];
  CHECK(dana["permissions"] == json::array({"documents"}));
  CHECK(dana["admin"] == true);
}

TEST_CASE("set_permission refuses unknown permissions, members and companies") {
  Harness h;
  CHECK(h.fake.set_permission("acme", "sam@acme.example", "be_boss", true).code() ==
        Status::Code::kInvalidArgument);
  CHECK(h.fake.set_permission("acme", "ghost@acme.example", "documents", true).code() ==
        Status::Code::kNotFound);
  CHECK(h.fake.set_permission("nope", "sam@acme.example", "documents", true).code() ==
        Status::Code::kNotFound);
}

TEST_CASE("pending_hire_for_opportunity finds the most recent hire of an opportunity") {
  Harness h;
  const std::string first = h.create_jane(json::object(), "a");
  CHECK(h.fake.pending_hire_for_opportunity("acme", "opp-jane") == first);
  const std::string second = h.create_jane({{"title", "Again"}}, "b");
  CHECK(h.fake.pending_hire_for_opportunity("acme", "opp-jane") == second);
  CHECK_FALSE(h.fake.pending_hire_for_opportunity("acme", "opp-none").has_value());
  CHECK_FALSE(h.fake.pending_hire_for_opportunity("globex", "opp-jane").has_value());
}

TEST_CASE("the views return every record as the API does, and [] for an unknown company") {
  Harness h;
  const std::string id = h.create_jane();
  const json api = h.get("/internal/v1/pending_hires/" + id).body;
  CHECK(h.fake.pending_hires("acme") == json::array({api}));
  CHECK(h.fake.members("acme") == h.get("/internal/v1/members").body["items"]);
  CHECK(h.fake.pending_hires("nope") == json::array());
  CHECK(h.fake.emails("nope") == json::array());
  CHECK(h.fake.members("nope") == json::array());
}

TEST_CASE("the server stops and starts again on a new port") {
  Harness h;
  h.create_jane();
  h.hang_up();
  h.fake.stop();
  REQUIRE(h.fake.start().ok());
  CHECK(h.hires().size() == 1);
}
