// Contract tests: loading a world's "justworks" object (add_company).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "harness.h"

using jw_test::acme_world;
using nlohmann::json;

namespace {

hiresync::Result<std::string> load(const json& world) {
  sim::VirtualClock clock;
  sim::justworks::FakeJustworks fake(clock, 1);
  return fake.add_company(world, "worlds/test.json");
}

}  // namespace

TEST_CASE("add_company accepts a valid world and issues a bearer token") {
  auto token = load(acme_world());
  REQUIRE(token.ok());
  CHECK(token->rfind("jw_", 0) == 0);
  CHECK(token->size() > 20);
}

TEST_CASE("add_company refuses a malformed world naming where and the JSON path") {
  // Each row: a JSON-patch-like edit of the valid world, and what the error must say.
  auto [pointer, value, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"/company", "null", "/company: must be an object"},
      {"/company/id", "\"\"", "/company/id: must be non-empty"},
      {"/company/size", "3", "/company/size: unknown field"},
      {"/departments", "\"Engineering\"", "/departments: must be an array"},
      {"/departments/1", "\"engineering\"", "/departments/1: 'Engineering' is listed twice"},
      {"/offices/0", "7", "/offices/0: must be a non-empty, trimmed string"},
      {"/members", "{}", "/members: must be an array"},
      {"/members/1/id", "\"m-dana\"",
       "/members/1/id: duplicate member id 'm-dana' (also /members/0)"},
      {"/members/1/email", "\"DANA@acme.example\"", "/members/1/email: duplicate email"},
      {"/members/0/email", "\"not-an-email\"", "/members/0/email: is not an email address"},
      {"/members/0/permissions/0", "\"manage_everything\"",
       "/members/0/permissions/0: unknown permission 'manage_everything'"},
      {"/members/0/permissions", "\"manage_employees\"",
       "/members/0/permissions: must be an array"},
      {"/members/0/admin", "\"yes\"", "/members/0/admin: must be true or false"},
      {"/members/0/admin", "false", "/members/0/permissions: only an admin"},
      {"/members/0/status", "\"terminated\"",
       "/members/0/status: must be \"active\" or \"invited\""},
      {"/members/0/first_name", "42", "/members/0/first_name: must be a string"},
      {"/members/0/nickname", "\"D\"", "/members/0/nickname: unknown field"},
      {"/members/0/department", "\"Marketing\"",
       "/members/0/department: 'Marketing' is not in /departments"},
      {"/extra", "1", "/extra: unknown field"},
  }));
  CAPTURE(pointer, value);
  json world = acme_world();
  world[json::json_pointer(pointer)] = json::parse(value);
  auto result = load(world);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == hiresync::Status::Code::kInvalidArgument);
  CHECK_THAT(result.status().message(), Catch::Contains("worlds/test.json: "));
  CHECK_THAT(result.status().message(), Catch::Contains(expected));
}

TEST_CASE("add_company refuses a second company with the same id") {
  sim::VirtualClock clock;
  sim::justworks::FakeJustworks fake(clock, 1);
  REQUIRE(fake.add_company(acme_world(), "a.json").ok());
  auto again = fake.add_company(acme_world(), "b.json");
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.status().message(),
             Catch::Contains("b.json: /company/id: company 'acme' is already loaded"));
}

TEST_CASE("add_company issues a different token per company, all listed as secrets") {
  sim::VirtualClock clock;
  sim::justworks::FakeJustworks fake(clock, 1);
  auto acme = fake.add_company(acme_world(), "a.json");
  auto globex = fake.add_company(jw_test::globex_world(), "g.json");
  REQUIRE(acme.ok());
  REQUIRE(globex.ok());
  CHECK(acme.value() != globex.value());
  CHECK(fake.issued_secrets() == std::vector<std::string>{acme.value(), globex.value()});
}

TEST_CASE("a refused world leaves no company behind") {
  sim::VirtualClock clock;
  sim::justworks::FakeJustworks fake(clock, 1);
  json broken = acme_world();
  broken["members"][3]["email"] = "dana@acme.example";
  REQUIRE_FALSE(fake.add_company(broken, "a.json").ok());
  CHECK(fake.members("acme").empty());
  CHECK(fake.issued_secrets().empty());
  CHECK(fake.add_company(acme_world(), "a.json").ok());
}

TEST_CASE("the example world fixtures/worlds/acme.json loads") {
  // The fixture holds // comments, as world files may.
  const auto root = std::filesystem::path(HIRESYNC_SOURCE_DIR);
  std::ifstream in(root / "fixtures" / "worlds" / "acme.json");
  REQUIRE(in);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  json world = json::parse(text, nullptr, false, true);
  REQUIRE_FALSE(world.is_discarded());
  auto token = load(world["justworks"]);
  INFO((token.ok() ? "" : token.status().message()));
  CHECK(token.ok());
}
