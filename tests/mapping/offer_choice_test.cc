// MAP-9: which offer the pending hire is read from.
#include "mapping/offer_choice.h"

#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

// An offer whose job title names it, so the test can see which one was read.
lever::Offer offer(const std::string& id, const std::string& status, int64_t created_at_ms) {
  lever::Offer o = offer_with_status(id, status, created_at_ms);
  set_field(o, "job_title", "title of " + id);
  return o;
}

}  // namespace

TEST_CASE("MAP-9 the most recent signed offer is used, whatever the list order") {
  auto [offers, chosen] = GENERATE(table<std::vector<lever::Offer>, std::string>({
      {{offer("a", "signed", 100), offer("b", "signed", 200)}, "b"},
      {{offer("b", "signed", 200), offer("a", "signed", 100)}, "b"},
      {{offer("a", "signed", 300), offer("b", "sent", 400), offer("c", "draft", 500)}, "a"},
      {{offer("a", "approved", 900), offer("b", "signed", 100)}, "b"},
      {{offer("a", "SIGNED", 100)}, "a"},
  }));
  HireInputs in = jane();
  in.offers = offers;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(describe(offers), chosen, all_notes(d));
  CHECK(j(d.title) == "title of " + chosen);
  CHECK(j(d.start_date) == "2027-01-04");
  CHECK(j(d.manager) != nullptr);
}

TEST_CASE("MAP-9 signed offers created at the same moment are chosen by id") {
  auto offers = GENERATE(
      std::vector<lever::Offer>{offer("offer-a", "signed", 100), offer("offer-b", "signed", 100)},
      std::vector<lever::Offer>{offer("offer-b", "signed", 100), offer("offer-a", "signed", 100)});
  HireInputs in = jane();
  in.offers = offers;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(describe(offers));
  CHECK(j(d.title) == "title of offer-b");
}

TEST_CASE("MAP-9 with none signed the newest offer in the workflow supplies the terms only") {
  auto status =
      GENERATE(as<std::string>{}, "approval-sent", "approved", "sent", "sent-manually", "opened");
  HireInputs in = jane();
  in.offers = {offer("old", status, 100), offer("new", status, 200),
               offer("newest-draft", "draft", 300), offer("newest-denied", "denied", 400)};
  const PendingHireDraft d = map_hire(in);
  CAPTURE(status, all_notes(d));
  CHECK(j(d.title) == "title of new");
  CHECK(j(d.compensation_amount) == 185000.0);
  CHECK(j(d.type_of_earnings) == "salary");
  CHECK(j(d.exemption_status) == "exempt");
  CHECK(j(d.manager) == nullptr);
  CHECK(j(d.start_date) == nullptr);
  CHECK_THAT(notes_for(d, "manager"), Catch::Contains("offer workflow is not complete"));
  CHECK_THAT(notes_for(d, "start_date"), Catch::Contains("offer workflow is not complete"));
}

TEST_CASE("MAP-9 only draft, denied or unknown offers means no offer fields, each noted") {
  auto statuses =
      GENERATE(std::vector<std::string>{"draft"}, std::vector<std::string>{"denied"},
               std::vector<std::string>{"draft", "denied"}, std::vector<std::string>{"rescinded"});
  HireInputs in = jane();
  in.offers.clear();
  for (size_t i = 0; i < statuses.size(); ++i) {
    in.offers.push_back(offer("o" + std::to_string(i), statuses[i], 100 + int64_t(i)));
  }
  const PendingHireDraft d = map_hire(in);
  CAPTURE(statuses, all_notes(d));
  CHECK(j(d.title) == "Senior Engineer (posting)");  // the posting still names it
  for (const char* field :
       {"manager", "start_date", "compensation_amount", "type_of_earnings", "exemption_status"}) {
    CAPTURE(field);
    CHECK_THAT(notes_for(d, field), Catch::Contains("None of the candidate's Lever offers"));
  }
  CHECK(j(d.manager) == nullptr);
  CHECK(j(d.start_date) == nullptr);
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.exemption_status) == nullptr);
}

TEST_CASE("MAP-9 no offer at all: offer fields empty and noted, the rest still maps") {
  HireInputs in = jane();
  in.offers.clear();
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.first_name) == "Jane");
  CHECK(j(d.department) == "Engineering");
  CHECK(j(d.member_type) == "full_time");
  for (const char* field :
       {"manager", "start_date", "compensation_amount", "type_of_earnings", "exemption_status"}) {
    CAPTURE(field);
    CHECK_THAT(notes_for(d, field), Catch::Contains("no offer in Lever"));
  }
}

TEST_CASE("MAP-9 choose_offer points at the signed offer for both terms and signed fields") {
  const std::vector<lever::Offer> offers = {offer("x", "sent", 500), offer("y", "signed", 100)};
  const mapping::OfferChoice choice = mapping::choose_offer(offers);
  REQUIRE(choice.terms != nullptr);
  CHECK(choice.terms->id == "y");
  CHECK(choice.signed_offer == choice.terms);
  CHECK(choice.why_no_terms.empty());
  CHECK(choice.why_not_signed.empty());
}
