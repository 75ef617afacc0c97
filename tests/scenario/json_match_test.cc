#include "scenario/json_match.h"

#include <catch2/catch.hpp>

using nlohmann::json;
using sim::match_collection;
using sim::subset_mismatches;

TEST_CASE("an expected object matches any actual object holding its keys") {
  json actual = {{"first_name", "Jane"}, {"last_name", "Doe"}, {"flags", json::array()}};
  CHECK(subset_mismatches({{"first_name", "Jane"}}, actual, "").empty());
}

TEST_CASE("a differing field is reported with its JSON path, expected and actual") {
  auto m = subset_mismatches({{"manager", {{"email", "sam@acme.example"}}}},
                             {{"manager", {{"email", "priya@acme.example"}}}}, "/pending_hires[0]");
  REQUIRE(m.size() == 1);
  CHECK(m[0].path == "/pending_hires[0]/manager/email");
  CHECK(m[0].expected == "\"sam@acme.example\"");
  CHECK(m[0].actual == "\"priya@acme.example\"");
}

TEST_CASE("expected null means absent or null") {
  CHECK(subset_mismatches({{"office", nullptr}}, {{"office", nullptr}}, "").empty());
  CHECK(subset_mismatches({{"office", nullptr}}, json::object(), "").empty());
  CHECK(subset_mismatches({{"office", nullptr}}, {{"office", "Berlin"}}, "").size() == 1);
}

TEST_CASE("numbers compare by value whatever their JSON representation") {
  CHECK(subset_mismatches({{"amount", 185000}}, {{"amount", 185000.0}}, "").empty());
  CHECK(subset_mismatches({{"amount", 23.5}}, {{"amount", 23.5}}, "").empty());
  CHECK_FALSE(subset_mismatches({{"amount", 185000}}, {{"amount", 185001}}, "").empty());
}

TEST_CASE("an expected array matches the same number of records in any order") {
  json actual = json::array({{{"to", "priya@acme.example"}}, {{"to", "dana@acme.example"}}});
  CHECK_FALSE(
      match_collection(json::array({{{"to", "dana@acme.example"}}, {{"to", "priya@acme.example"}}}),
                       actual, "/emails"));
  auto too_few = match_collection(json::array({{{"to", "dana@acme.example"}}}), actual, "/emails");
  REQUIRE(too_few);
  CHECK(too_few->expected == "1 records");
  CHECK(too_few->actual == "2 records");
}

TEST_CASE("each expected record needs its own actual record") {
  json actual = json::array({{{"to", "dana@acme.example"}}, {{"to", "priya@acme.example"}}});
  auto m =
      match_collection(json::array({{{"to", "dana@acme.example"}}, {{"to", "dana@acme.example"}}}),
                       actual, "/emails");
  CHECK(m);
}

TEST_CASE("when no record matches, the closest one explains the difference") {
  json actual = json::array({{{"first_name", "Doe"}, {"last_name", "Jane"}, {"title", "Engineer"}},
                             {{"first_name", "Omar"}, {"last_name", "Haddad"}, {"title", "AE"}}});
  auto m = match_collection(
      json::array({{{"first_name", "Jane"}, {"last_name", "Doe"}, {"title", "Engineer"}}}),
      json::array({actual[0]}), "/pending_hires");
  REQUIRE(m);
  CHECK(m->path == "/pending_hires[0]/first_name");
  CHECK(m->actual == "\"Doe\"");
}

TEST_CASE("count and contains forms") {
  json actual = json::array({{{"to", "a"}}, {{"to", "b"}}, {{"to", "c"}}});
  CHECK_FALSE(match_collection({{"count", 3}}, actual, ""));
  CHECK(match_collection({{"count", 2}}, actual, ""));
  CHECK_FALSE(match_collection({{"contains", json::array({{{"to", "b"}}})}}, actual, ""));
  CHECK(match_collection({{"contains", json::array({{{"to", "z"}}})}}, actual, ""));
}

TEST_CASE("a nested array is an exact, order-free list too") {
  json actual = {{"notes", json::array({{{"field", "office"}, {"reason", "x"}}})}};
  CHECK(subset_mismatches({{"notes", json::array()}}, actual, "").size() == 1);
  CHECK(subset_mismatches({{"notes", json::array({{{"field", "office"}}})}}, actual, "").empty());
}
