// HIRE-5: the possible_duplicate flag.
#include <algorithm>
#include <catch2/catch.hpp>

#include "hire_fixture.h"
#include "mapping/duplicates.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

justworks::ExistingPendingHire pending(std::string id, std::string opportunity, std::string contact,
                                       std::string email, std::string status = "pending") {
  return {std::move(id), std::move(opportunity), std::move(contact), std::move(email),
          std::move(status)};
}

}  // namespace

TEST_CASE("HIRE-5 a fresh hire is not flagged") {
  HireInputs in = jane();
  in.existing_pending_hires = {pending("ph_1", "opp-bob", "c-bob", "bob@example.com")};
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(d.flags.empty());
  CHECK(notes_for(d, "flags").empty());
}

TEST_CASE("HIRE-5 another pending hire of the same contact flags possible_duplicate") {
  auto status = GENERATE(as<std::string>{}, "pending", "invited");
  HireInputs in = jane();
  in.existing_pending_hires = {
      pending("ph_1", "opp-jane-2024", "c-jane", "old@example.com", status)};
  const PendingHireDraft d = map_hire(in);
  CAPTURE(status, all_notes(d));
  CHECK(d.flags == std::vector<std::string>{"possible_duplicate"});
  CHECK_THAT(notes_for(d, "flags"), Catch::Contains("'ph_1' is the same Lever candidate") &&
                                        Catch::Contains("opp-jane-2024"));
}

TEST_CASE("HIRE-5 a home email another pending hire has flags possible_duplicate") {
  auto other_email =
      GENERATE(as<std::string>{}, "jane@example.com", "JANE@Example.com", " jane@example.com ");
  HireInputs in = jane();
  in.existing_pending_hires = {pending("ph_2", "opp-other", "c-other", other_email)};
  const PendingHireDraft d = map_hire(in);
  CAPTURE(other_email, all_notes(d));
  CHECK(d.flags == std::vector<std::string>{"possible_duplicate"});
  CHECK_THAT(notes_for(d, "flags"), Catch::Contains("'ph_2' has the same home email"));
}

TEST_CASE("HIRE-5 a home email a Justworks member has flags possible_duplicate") {
  auto member_email = GENERATE(as<std::string>{}, "jane@example.com", "Jane@EXAMPLE.com");
  HireInputs in = jane();
  in.justworks.members.push_back(member("m-jane", "Jane", "Doe", member_email));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(member_email, all_notes(d));
  CHECK(d.flags == std::vector<std::string>{"possible_duplicate"});
  CHECK_THAT(notes_for(d, "flags"), Catch::Contains("Justworks member 'Jane Doe'"));
}

TEST_CASE("HIRE-5 the same opportunity and dismissed pending hires never flag") {
  HireInputs in = jane();
  in.existing_pending_hires = {
      pending("ph_same", "opp-jane", "c-jane", "jane@example.com"),  // the pipeline's dedupe
      pending("ph_dismissed", "opp-old", "c-jane", "jane@example.com", "dismissed"),
  };
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(d.flags.empty());
}

TEST_CASE("HIRE-5 empty contact ids and emails never match each other") {
  HireInputs in = jane();
  in.opportunity.contact_id = "";
  in.opportunity.emails.clear();
  in.existing_pending_hires = {pending("ph_1", "opp-x", "", "")};
  in.justworks.members.push_back(member("m-x", "No", "Email", ""));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(d.flags.empty());
}

TEST_CASE("HIRE-5 several matches give one flag and a note for each") {
  HireInputs in = jane();
  in.existing_pending_hires = {pending("ph_1", "opp-a", "c-jane", "x@example.com"),
                               pending("ph_2", "opp-b", "c-other", "jane@example.com")};
  in.justworks.members.push_back(member("m-jane", "Jane", "Doe", "jane@example.com"));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(d.flags == std::vector<std::string>{"possible_duplicate"});
  CHECK(std::count_if(d.notes.begin(), d.notes.end(),
                      [](const Note& n) { return n.field == "flags"; }) == 3);
}

TEST_CASE("HIRE-5 a re-hire: a still-pending pending hire of the opportunity means nothing new") {
  HireInputs in = jane();
  in.existing_pending_hires = {
      pending("ph_1", "opp-jane", "c-jane", "jane@home.example", "dismissed"),
      pending("ph_2", "opp-jane", "c-jane", "jane@home.example"),
      pending("ph_3", "opp-bob", "c-bob", "bob@example.com")};
  const auto earlier = mapping::earlier_pending_hires("opp-jane", in);
  CHECK(earlier.still_pending_id == std::optional<std::string>("ph_2"));
}

TEST_CASE("HIRE-5 a re-hire: each closed pending hire of the opportunity is one generation") {
  HireInputs in = jane();
  in.existing_pending_hires = {
      pending("ph_1", "opp-jane", "c-jane", "jane@home.example", "dismissed"),
      pending("ph_2", "opp-jane", "c-jane", "jane@home.example", "invited"),
      pending("ph_3", "opp-bob", "c-bob", "bob@example.com")};
  const auto earlier = mapping::earlier_pending_hires("opp-jane", in);
  CHECK_FALSE(earlier.still_pending_id.has_value());
  CHECK(earlier.closed == 2);
  CHECK(mapping::earlier_pending_hires("opp-zoe", in).closed == 0);
}
