#include <catch2/catch.hpp>

#include "common/duration.h"
#include "common/jsonc.h"
#include "scenario/scenario.h"

using nlohmann::json;

TEST_CASE("durations as scenarios write them") {
  auto [text, ms] = GENERATE(table<std::string, int64_t>({{"250ms", 250},
                                                          {"90s", 90'000},
                                                          {"90m", 5'400'000},
                                                          {"2h", 7'200'000},
                                                          {"3d", 259'200'000},
                                                          {"1h30m", 5'400'000}}));
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
  json doc = {
      {"name", "n"},
      {"world", "acme"},
      {"covers", {"HIRE-1"}},
      {"seed", 9},
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

// Issue 17: hostile JSON is refused with the file and a short excerpt, never
// obeyed, crashed on or silently half-read.
TEST_CASE("hostile JSON is refused naming the file", "[hostile]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"{\"seed\": 1e400}", "x.json: invalid JSON: number overflow"},
      {std::string(100000, '[') + std::string(100000, ']'),
       "x.json: invalid JSON: nested deeper than 256"},
      {"{\"a\": {\"b\": 1, \"b\": 2}}", "x.json: invalid JSON: duplicate key \"b\" in /a"},
      {"{\"steps\": [{}, {\"c\": 1, \"c\": 1}]}",
       "x.json: invalid JSON: duplicate key \"c\" in /steps/1"},
      {std::string("{\"a\": 1}\0{\"b\"", 13), "x.json:1:9: invalid JSON: a NUL byte"},
  }));
  auto parsed = sim::parse_jsonc(text, "x.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.status().message(), Catch::StartsWith(message));
  CHECK(parsed.status().message().size() < 300);  // a long token is cut
}

TEST_CASE("nesting up to the limit parses", "[hostile]") {
  const int depth = sim::kMaxJsonDepth;
  auto parsed = sim::parse_jsonc(std::string(depth, '[') + std::string(depth, ']'), "x.json");
  CHECK(parsed.ok());
}

TEST_CASE("a 10,000-digit number is quoted cut short", "[hostile]") {
  auto parsed = sim::parse_jsonc("{\"n\": 1" + std::string(10000, '0') + "}", "x.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().message().size() < 300);
}

TEST_CASE("a duration past a century is refused, and sums cannot overflow", "[hostile]") {
  CHECK(sim::parse_duration_ms("36500d").ok());
  for (const char* text : {"36501d", "1000000000d1000000000d1000000000d", "20000d20000d"}) {
    CAPTURE(text);
    auto parsed = sim::parse_duration_ms(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.status().message(), Catch::Contains("36500 days"));
  }
}

TEST_CASE("a wrong-typed parameter is refused naming the step and parameter", "[hostile]") {
  auto [step, message] = GENERATE(table<json, std::string>({
      {json{{"justworks.setup", {{"as", 42}}}},
       "step 1 (justworks.setup): parameter \"as\" must be a string"},
      {json{{"lever.hire", {{"opportunity", "o"}, {"tenant", 7}}}},
       "parameter \"tenant\" must be a string"},
      {json{{"lever.offer.send", {{"opportunity", "o"}, {"offer", {1}}}}},
       "parameter \"offer\" must be a string"},
      {json{{"expect.pending_hires", {{"count", 1}, {"contains", 42}}}},
       "step 1 (expect.pending_hires): takes"},
      {json{{"expect.emails", {{"contains", 42}}}}, "parameter \"contains\" must be an array"},
      {json{{"expect.members", {{"count", -1}}}}, "parameter \"count\" must be a whole number"},
      {json{{"expect.emails", {{"tenant", 3}, {"count", 0}}}},
       "parameter \"tenant\" must be a string"},
      {json{{"expect.lever_requests", {{"match", "GET /*"}, {"min", "x"}}}},
       "parameter \"min\" must be a whole number"},
      {json{{"expect.justworks_requests", {{"match", "GET /*"}, {"count", "3"}}}},
       "parameter \"count\""},
      {json{{"expect.lever_requests", {{"match", 5}}}}, "takes {\"match\""},
      {json{{"expect.error", {{"status", "422"}}}}, "parameter \"status\" must be an HTTP status"},
  }));
  json doc = {{"name", "n"}, {"world", "acme"}, {"steps", {step}}};
  auto s = sim::parse_scenario(doc, "s.json");
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.status().message(),
             Catch::StartsWith("s.json: step 1 (") && Catch::Contains(message));
}

TEST_CASE("well-typed parameters and every collection form still parse", "[hostile]") {
  for (const json& step :
       {json{{"expect.pending_hires", json::array()}},
        json{{"expect.pending_hires", {{"tenant", "globex"}, {"count", 2}}}},
        json{{"expect.emails", {{"tenant", "globex"}, {"records", json::array()}}}},
        json{{"expect.members", {{"contains", {{{"email", "x"}}}}}}},
        json{{"expect.lever_requests", {{{"match", "GET /*"}, {"min", 1}, {"max", 3}}}}},
        json{{"expect.integration", {{"status", "connected"}, {"event", 1}}}},
        json{{"lever.hire", {{"opportunity", "o"}, {"as", "sam@acme.example"}}}}}) {
    CAPTURE(step);
    json doc = {{"name", "n"}, {"world", "acme"}, {"steps", {step}}};
    CHECK(sim::parse_scenario(doc, "s.json").ok());
  }
}
