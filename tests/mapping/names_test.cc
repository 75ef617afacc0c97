// MAP-1: first and last name.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-1 the first word is the first name and the rest the last name") {
  auto [name, first, last] = GENERATE(table<std::string, std::string, std::string>({
      {"Jane Doe", "Jane", "Doe"},
      {"  Jane   Doe  ", "Jane", "Doe"},
      {"Zoë Ångström", "Zoë", "Ångström"},
      {"José María de la Cruz", "José", "María de la Cruz"},
      {"\u00A0Jane\u00A0Q.\u3000Public\t", "Jane", "Q. Public"},
      {"Mary-Jane O'Neil Jr.", "Mary-Jane", "O'Neil Jr."},
      {"Олег Петров", "Олег", "Петров"},
      {"李 小龙", "李", "小龙"},
  }));
  HireInputs in = jane();
  in.opportunity.name = name;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(name, all_notes(d));
  CHECK(j(d.first_name) == first);
  CHECK(j(d.last_name) == last);
  CHECK(notes_for(d, "first_name").empty());
  CHECK(notes_for(d, "last_name").empty());
}

TEST_CASE("MAP-1 a single word is the first name, the last name is empty and noted") {
  auto [name, first] = GENERATE(table<std::string, std::string>({
      {"Cher", "Cher"},
      {"  Madonna\u00A0", "Madonna"},
      {"李小龙", "李小龙"},  // no spaces in the Lever name: not split by script
  }));
  HireInputs in = jane();
  in.opportunity.name = name;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(name, all_notes(d));
  CHECK(j(d.first_name) == first);
  CHECK(j(d.last_name) == nullptr);
  CHECK_THAT(notes_for(d, "last_name"),
             Catch::Contains("single word") && Catch::Contains("enter the last name in Justworks"));
}

TEST_CASE("MAP-1 an empty or blank name leaves both names empty, each noted") {
  auto name = GENERATE(as<std::string>{}, "", "   ", "\u00A0\u3000\t");
  HireInputs in = jane();
  in.opportunity.name = name;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(name, all_notes(d));
  CHECK(j(d.first_name) == nullptr);
  CHECK(j(d.last_name) == nullptr);
  CHECK_THAT(notes_for(d, "first_name"), Catch::Contains("no name in Lever"));
  CHECK_THAT(notes_for(d, "last_name"), Catch::Contains("no name in Lever"));
}

TEST_CASE("MAP-1 an anonymized candidate's placeholder name is never synced") {
  HireInputs in = jane();
  in.opportunity.is_anonymized = true;
  in.opportunity.name = "Anonymized Candidate";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.first_name) == nullptr);
  CHECK(j(d.last_name) == nullptr);
  CHECK_THAT(notes_for(d, "first_name"), Catch::Contains("anonymized"));
  CHECK_THAT(notes_for(d, "last_name"), Catch::Contains("anonymized"));
}

TEST_CASE("MAP-1 a name that is not UTF-8 or holds control characters is dropped and noted") {
  auto name = GENERATE(as<std::string>{}, "Jane \xFF\xFE", "Jane\x01 Doe", "Jane Doe\x7F",
                       std::string("Jane\0Doe", 8));
  HireInputs in = jane();
  in.opportunity.name = name;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(in.opportunity.name, all_notes(d));
  CHECK(j(d.first_name) == nullptr);
  CHECK(j(d.last_name) == nullptr);
  CHECK_THAT(notes_for(d, "first_name"), Catch::Contains("not readable text"));
}

TEST_CASE("MAP-1 a name written last-name-first keeps the rule but is noted") {
  HireInputs in = jane();
  in.opportunity.name = "Doe, Jane";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.first_name) == "Doe,");
  CHECK(j(d.last_name) == "Jane");
  CHECK_THAT(notes_for(d, "first_name"), Catch::Contains("comma"));
}
