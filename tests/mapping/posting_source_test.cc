// Which posting the worker reads (HIRE-7): the application's, or — when Lever
// listed the application only by id — the newest offer's.
#include <catch2/catch.hpp>

#include "hire_fixture.h"
#include "mapping/job.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

lever::Offer offer_for(std::string id, std::optional<std::string> posting, int64_t created_at_ms) {
  lever::Offer offer = offer_with_status(std::move(id), "signed", created_at_ms);
  offer.posting_id = std::move(posting);
  return offer;
}

}  // namespace

TEST_CASE("HIRE-7 the posting to read comes from the application, else the newest offer") {
  struct Row {
    std::optional<std::string> application_posting;  // set when Lever expanded the application
    std::optional<std::string> application_id;       // set when Lever listed only its id
    std::vector<lever::Offer> offers;
    std::optional<std::string> expected;
  };
  const auto row = GENERATE(values<Row>({
      // Expanded: the application names the posting; offers never override it.
      {"post-eng", std::nullopt, {offer_for("o1", "post-sales", 5)}, "post-eng"},
      // Listed by id: the newest offer naming a posting, whatever the list order.
      {std::nullopt,
       "app-1",
       {offer_for("o1", "post-old", 1), offer_for("o2", "post-new", 9)},
       "post-new"},
      {std::nullopt,
       "app-1",
       {offer_for("o2", "post-new", 9), offer_for("o1", "post-old", 1)},
       "post-new"},
      // Equal createdAt: the greater id, as in MAP-9.
      {std::nullopt,
       "app-1",
       {offer_for("o-b", "post-b", 7), offer_for("o-a", "post-a", 7)},
       "post-b"},
      // Offers without a posting are skipped.
      {std::nullopt,
       "app-1",
       {offer_for("o1", "post-eng", 1), offer_for("o2", std::nullopt, 9)},
       "post-eng"},
      // Listed by id and no offer names a job: unknown.
      {std::nullopt, "app-1", {offer_for("o1", std::nullopt, 1)}, std::nullopt},
      // No application at all: no job selected, even if an offer names one.
      {std::nullopt, std::nullopt, {offer_for("o1", "post-eng", 1)}, std::nullopt},
  }));
  lever::Opportunity opportunity = jane().opportunity;
  opportunity.posting_id = row.application_posting;
  opportunity.application_id = row.application_id;
  CAPTURE(row.application_posting.value_or("-"), row.application_id.value_or("-"),
          describe(row.offers));
  CHECK(j(mapping::posting_to_read(opportunity, row.offers)) == j(row.expected));
}

TEST_CASE("HIRE-7 an application listed only by id whose job is unknown is not 'no job'") {
  HireInputs in = jane();
  in.posting.reset();
  in.opportunity.posting_id.reset();
  in.opportunity.application_id = "app-jane";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.department) == nullptr);
  CHECK_THAT(notes_for(d, "department"), Catch::Contains("job posting could not be read"));
  CHECK_THAT(notes_for(d, "department"), !Catch::Contains("No job is selected"));
}
