#include <catch2/catch.hpp>

#include "common/duration.h"
#include "common/jsonc.h"
#include "scenario/scenario.h"

using nlohmann::json;

TEST_CASE("durations as scenarios write them") {
  auto [text, ms] = GENERATE(table<std::string, int64_t>({
      {"250ms", 250}, {"90s", 90'000}, {"90m", 5'400'000}, {"2h", 7'200'000},
      {"3d", 259'200'000}, {"1h30m", 5'400'000}}));
  CAPTURE(text);
  auto parsed = sim::parse_duration_ms(text);
  REQUIRE(parsed.ok());
  CHECK(*parsed == ms);
}

TEST_CASE("a malformed duration is refused with an example") {
  for (const char* text : {"", "90", "m", "2 hours", "-5m", "1.5h"}) {
    CAPTURE(text);
    auto parsed = sim::parse_duration_ms(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.status().message(), Catch::Contains("e.g. \"90m\""));
  }
}

TEST_CASE("JSON with comments parses; an error names file, line and column") {
  auto ok = sim::parse_jsonc("// a comment\n{\"a\": 1 /* inline */}", "x.json");
  REQUIRE(ok.ok());
  CHECK((*ok)["a"] == 1);
  auto bad = sim::parse_jsonc("{\n  \"a\": 1,\n  oops\n}", "dir/x.json");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::StartsWith("dir/x.json:3:"));
}

TEST_CASE("a scenario's steps are numbered from 1 and keep their parameters") {
  json doc = {{"name", "n"}, {"world", "acme"}, {"covers", {"HIRE-1"}}, {"seed", 9},
              {"steps", {{{"lever.hire", {{"opportunity", "opp-jane"}}}}, {{"settle", json::object()}}}}};
  auto s = sim::parse_scenario(doc, "s.json");
  REQUIRE(s.ok());
  CHECK(s->seed == 9);
  REQUIRE(s->steps.size() == 2);
  CHECK(s->steps[0].index == 1);
  CHECK(s->steps[0].action == "lever.hire");
  CHECK(s->steps[0].params["opportunity"] == "opp-jane");
}

TEST_CASE("a broken scenario is refused naming the file and the step") {
  auto [doc, message] = GENERATE(table<json, std::string>({
      {json{{"world", "acme"}, {"steps", {{{"settle", {}}}}}}, "s.json: \"name\""},
      {json{{"name", "n"}, {"steps", {{{"settle", {}}}}}}, "s.json: \"world\""},
      {json{{"name", "n"}, {"world", "acme"}, {"steps", json::array()}}, "s.json: \"steps\""},
      {json{{"name", "n"}, {"world", "acme"}, {"steps", {{{"lever.fly", {}}}}}},
       "s.json: step 1: unknown action \"lever.fly\""},
      {json{{"name", "n"}, {"world", "acme"}, {"steps", {{{"settle", {}}, {"lever.hire", {}}}}}},
       "s.json: step 1: a step is an object with exactly one action"},
      {json{{"name", "n"}, {"world", "acme"}, {"colour", "red"}, {"steps", {{{"settle", {}}}}}},
       "s.json: unknown key \"colour\""},
  }));
  auto s = sim::parse_scenario(doc, "s.json");
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(), Catch::StartsWith(message));
}
