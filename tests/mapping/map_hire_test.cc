// map_hire as a whole: a clean hire, Lever's recorded shapes, and purity.
#include <algorithm>
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("a hire with a complete signed offer maps every field with no notes") {
  const PendingHireDraft d = map_hire(jane());
  CAPTURE(all_notes(d));
  CHECK(d.notes.empty());
  CHECK(d.flags.empty());
  CHECK(d.lever_opportunity_id == "opp-jane");
  CHECK(d.lever_contact_id == "c-jane");
}

TEST_CASE("the same inputs always give the same pending hire") {
  HireInputs in = jane();
  in.offers = {offer_with_status("b", "signed", 5), offer_with_status("a", "signed", 5),
               offer_with_status("c", "sent", 9)};
  PendingHireDraft first = map_hire(in);
  std::reverse(in.offers.begin(), in.offers.end());
  PendingHireDraft again = map_hire(in);
  // The provenance names each offer's place in Lever's list, which the reversal moves.
  first.sources.clear();
  again.sources.clear();
  CHECK(again == first);
}

// The offer recorded from a real Lever sandbox (shared/reference/recorded),
// marked signed: per-month-salary, a null direct manager and start date.
TEST_CASE("Lever's recorded offer shape maps with the monthly salary dropped and noted") {
  HireInputs in = jane();
  in.opportunity.name = "Robin Hale";
  in.opportunity.emails = {"robin.hale@example.test"};
  lever::Offer recorded;
  recorded.id = "041f0125-cc25-4700-868f-bfa35cbd6883";
  recorded.status = "signed";
  recorded.created_at_ms = 1628542585029;
  recorded.fields = {
      field("job_posting", "5807f880-a485-497f-a85f-d185e8f2b45f", "Job posting"),
      field("job_title", "Senior Account Manager", "Job title"),
      field("candidate_name", "Robin Hale", "Candidate name"),
      field("team", "Example Co", "Team"),
      field("location/office", "Los Angeles, CA", "Office location"),
      field("salary_amount", 5000, "Offered compensation amount"),
      field("compensation_currency", "USD", "Compensation currency"),
      field("salary_interval", "per-month-salary", "Type of earnings"),
      field("today_date", 1628467200000, "Today's date"),
      field("direct_manager", nullptr, "Direct manager"),
      field("offered_equity", nullptr, "Offered equity"),
      field("offer_expiration_date", nullptr, "Offer expiration date"),
      field("anticipated_start_date", nullptr, "Anticipated start date"),
      field("company_signature_1", nullptr, "Company signature 1"),
      field("hiring_manager", "fef0f830-2f3d-4217-9027-14519997bbb3", "Hiring manager"),
      field("candidate_signature", nullptr, "Candidate signature"),
  };
  in.offers = {recorded};
  in.users.push_back(
      user("fef0f830-2f3d-4217-9027-14519997bbb3", "Avery Stone", "avery.stone@example.test"));
  in.justworks.members.push_back(member("m-avery", "Avery", "Stone", "avery.stone@example.test"));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.first_name) == "Robin");
  CHECK(j(d.title) == "Senior Account Manager");
  CHECK(j(d.manager) == json{{"name", "Avery Stone"}, {"email", "avery.stone@example.test"}});
  CHECK(j(d.start_date) == nullptr);
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK_THAT(notes_for(d, "compensation_amount"), Catch::Contains("'per-month-salary'"));
  CHECK_THAT(notes_for(d, "start_date"), Catch::Contains("no anticipated start date"));
  CHECK_THAT(notes_for(d, "exemption_status"), Catch::Contains("no 'Exemption status' field"));
  CHECK(broken_invariants(d).empty());
}

TEST_CASE("notes follow the order of the pending hire's fields") {
  HireInputs in;  // nothing known: every field noted
  const PendingHireDraft d = map_hire(in);
  std::vector<std::string> order;
  for (const Note& n : d.notes) {
    if (order.empty() || order.back() != n.field) order.push_back(n.field);
  }
  CAPTURE(all_notes(d));
  CHECK(order == std::vector<std::string>{"first_name", "last_name", "home_email", "title",
                                          "department", "office", "manager", "start_date",
                                          "member_type", "compensation_amount", "type_of_earnings",
                                          "exemption_status"});
}
