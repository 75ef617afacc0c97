// MAP-3: title from the offer's job_title, else the posting's text.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-3 the offer's job title wins over the posting's") {
  const PendingHireDraft d = map_hire(jane());
  CAPTURE(all_notes(d));
  CHECK(j(d.title) == "Staff Engineer");
  CHECK(notes_for(d, "title").empty());
}

TEST_CASE("MAP-3 an offer without a job title falls back to the posting's title") {
  auto job_title = GENERATE(as<nlohmann::json>{}, nullptr, "", "  \u00A0 ", "<absent>");
  HireInputs in = jane();
  if (job_title == "<absent>") {
    remove_field(the_offer(in), "job_title");
  } else {
    set_field(the_offer(in), "job_title", job_title);
  }
  const PendingHireDraft d = map_hire(in);
  CAPTURE(job_title, all_notes(d));
  CHECK(j(d.title) == "Senior Engineer (posting)");
  CHECK(notes_for(d, "title").empty());
}

TEST_CASE("MAP-3 with no offer the posting's title is used, whitespace normalised") {
  HireInputs in = jane();
  in.offers.clear();
  in.posting->text = "  Account\u00A0 Executive ";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.title) == "Account Executive");
  CHECK(notes_for(d, "title").empty());
}

TEST_CASE("MAP-3 with neither an offer title nor a posting the title is empty and noted") {
  auto [has_offer, reason] = GENERATE(table<bool, std::string>({
      {true, "The Lever offer has no job title, and no job is selected"},
      {false, "The candidate has no offer in Lever, and no job is selected"},
  }));
  HireInputs in = jane();
  in.posting.reset();
  in.opportunity.posting_id.reset();
  if (has_offer) {
    remove_field(the_offer(in), "job_title");
  } else {
    in.offers.clear();
  }
  const PendingHireDraft d = map_hire(in);
  CAPTURE(has_offer, all_notes(d));
  CHECK(j(d.title) == nullptr);
  CHECK_THAT(notes_for(d, "title"), Catch::Contains(reason));
}

TEST_CASE("MAP-3 a job title of the wrong type is noted and the posting's title used") {
  auto value = GENERATE(as<nlohmann::json>{}, 42, true, nlohmann::json::array({"Staff"}),
                        nlohmann::json::object({{"text", "Staff"}}), "Staff\x01Engineer");
  HireInputs in = jane();
  set_field(the_offer(in), "job_title", value);
  const PendingHireDraft d = map_hire(in);
  CAPTURE(show(value), all_notes(d));
  CHECK(j(d.title) == "Senior Engineer (posting)");
  CHECK_THAT(notes_for(d, "title"), Catch::Contains("not text"));
}

TEST_CASE("MAP-3 a posting title with control characters is not used") {
  HireInputs in = jane();
  in.offers.clear();
  in.posting->text = "Account\x1B[31m Executive";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(in.posting->text, all_notes(d));
  CHECK(j(d.title) == nullptr);
  CHECK_FALSE(notes_for(d, "title").empty());
}
