// MAP-4 department and office; HIRE-7 no posting.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-4 department and office match Justworks' lists ignoring case and spacing") {
  auto [department, office, jw_department, jw_office] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"Engineering", "New York", "Engineering", "New York"},
          {"ENGINEERING", "new york", "Engineering", "New York"},
          {"  people   ops ", "San\u00A0Francisco", "People Ops", "San Francisco"},
          {"sales", "REMOTE", "Sales", "Remote"},
      }));
  HireInputs in = jane();
  in.posting->department = department;
  in.posting->location = office;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(department, office, all_notes(d));
  CHECK(j(d.department) == jw_department);
  CHECK(j(d.office) == jw_office);
  CHECK(notes_for(d, "department").empty());
  CHECK(notes_for(d, "office").empty());
}

TEST_CASE("MAP-4 a department or office Justworks doesn't know is empty and noted") {
  auto [department, office] = GENERATE(table<std::string, std::string>({
      {"Research", "Berlin"},
      {"Engineering & Design", "New York City"},
      {"Engineer", "NewYork"},
  }));
  HireInputs in = jane();
  in.posting->department = department;
  in.posting->location = office;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(department, office, all_notes(d));
  CHECK(j(d.department) == nullptr);
  CHECK(j(d.office) == nullptr);
  CHECK_THAT(notes_for(d, "department"), Catch::Contains("Lever department '" + department +
                                                         "' is not a Justworks department"));
  CHECK_THAT(notes_for(d, "office"),
             Catch::Contains("Lever office '" + office + "' is not a Justworks office"));
}

TEST_CASE("MAP-4 a posting without department or location leaves them empty and noted") {
  auto value = GENERATE(as<std::optional<std::string>>{}, std::nullopt, "", "   ");
  HireInputs in = jane();
  in.posting->department = value;
  in.posting->location = value;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(value.value_or("<null>"), all_notes(d));
  CHECK(j(d.department) == nullptr);
  CHECK(j(d.office) == nullptr);
  CHECK_THAT(notes_for(d, "department"), Catch::Contains("posting has no department"));
  CHECK_THAT(notes_for(d, "office"), Catch::Contains("posting has no office"));
}

TEST_CASE("MAP-4 an exact spelling wins; two entries differing only in case are ambiguous") {
  HireInputs in = jane();
  in.justworks.departments = {"sales", "Sales", "OPS", "Ops"};
  SECTION("exact") {
    in.posting->department = "Sales";
    const PendingHireDraft d = map_hire(in);
    CAPTURE(all_notes(d));
    CHECK(j(d.department) == "Sales");
  }
  SECTION("ambiguous") {
    in.posting->department = "ops";
    const PendingHireDraft d = map_hire(in);
    CAPTURE(all_notes(d));
    CHECK(j(d.department) == nullptr);
    CHECK_THAT(notes_for(d, "department"), Catch::Contains("matches several"));
  }
}

TEST_CASE("HIRE-7 with no posting the posting's fields are empty and say no job is selected") {
  HireInputs in = jane();
  in.posting.reset();
  in.opportunity.posting_id.reset();
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.department) == nullptr);
  CHECK(j(d.office) == nullptr);
  CHECK(j(d.title) == "Staff Engineer");  // the offer still names it
  CHECK(j(d.member_type) == nullptr);
  for (const char* field : {"department", "office", "member_type"}) {
    CAPTURE(field);
    CHECK_THAT(notes_for(d, field), Catch::Contains("No job is selected"));
  }
}

TEST_CASE("HIRE-7 a posting that could not be read is told apart from no job selected") {
  HireInputs in = jane();
  in.posting.reset();  // opportunity.posting_id still names one
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.department) == nullptr);
  CHECK_THAT(notes_for(d, "department"), Catch::Contains("job posting could not be read"));
}
