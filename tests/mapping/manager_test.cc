// MAP-7: manager from the signed offer, matched by email to a Justworks member.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-7 the direct manager is matched by email to a Justworks member") {
  const PendingHireDraft d = map_hire(jane());
  CAPTURE(all_notes(d));
  CHECK(j(d.manager) == json{{"name", "Sam Lee"}, {"email", "sam@acme.example"}});
  CHECK(notes_for(d, "manager").empty());
}

TEST_CASE("MAP-7 without a direct manager the hiring manager is used") {
  auto direct = GENERATE(as<json>{}, nullptr, "", "<absent>");
  HireInputs in = jane();
  if (direct == "<absent>") {
    remove_field(the_offer(in), "direct_manager");
  } else {
    set_field(the_offer(in), "direct_manager", direct);
  }
  const PendingHireDraft d = map_hire(in);
  CAPTURE(direct, all_notes(d));
  CHECK(j(d.manager) == json{{"name", "Pat Kim"}, {"email", "pat@acme.example"}});
}

TEST_CASE("MAP-7 emails match ignoring case and spacing; Justworks' spelling is kept") {
  HireInputs in = jane();
  in.users[0].email = " SAM@acme.EXAMPLE ";
  in.justworks.members[1].email = "Sam@Acme.Example";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.manager) == json{{"name", "Sam Lee"}, {"email", "Sam@Acme.Example"}});
}

TEST_CASE("MAP-7 a manager that can't be matched is empty and noted, never swapped") {
  auto [setup, why] = GENERATE(table<std::string, std::string>({
      {"unknown user", "(Lever user 'u-nobody') could not be read"},
      {"no member", "'Sam Lee' ('sam@acme.example') is not a Justworks member"},
      {"deactivated", "'Sam Lee' is deactivated"},
      {"no email", "'Sam Lee' has no email"},
      {"no managers", "names no direct manager or hiring manager"},
      {"wrong type", "not a Lever user id (it is 12)"},
      {"nameless member", "Justworks member 'sam@acme.example' has no name"},
  }));
  HireInputs in = jane();
  if (setup == "unknown user") set_field(the_offer(in), "direct_manager", "u-nobody");
  if (setup == "no member")
    std::erase_if(in.justworks.members, [](auto& m) { return m.id == "m-sam"; });
  if (setup == "deactivated") in.users[0].deactivated_at_ms = 1'700'000'000'000;
  if (setup == "no email") in.users[0].email = "";
  if (setup == "no managers") {
    set_field(the_offer(in), "direct_manager", nullptr);
    set_field(the_offer(in), "hiring_manager", nullptr);
  }
  if (setup == "wrong type") set_field(the_offer(in), "direct_manager", 12);
  if (setup == "nameless member")
    in.justworks.members[1].first_name = in.justworks.members[1].last_name = " ";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(setup, all_notes(d));
  CHECK(j(d.manager) == nullptr);  // in particular not the hiring manager, Pat Kim
  CHECK_THAT(notes_for(d, "manager"), Catch::Contains(why));
}

TEST_CASE("MAP-7 the manager is never read from an offer that is not signed") {
  auto status =
      GENERATE(as<std::string>{}, "approval-sent", "approved", "sent", "sent-manually", "opened");
  HireInputs in = jane();
  the_offer(in).status = status;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(status, all_notes(d));
  CHECK(j(d.manager) == nullptr);
  CHECK_THAT(notes_for(d, "manager"), Catch::Contains("offer workflow is not complete") &&
                                          Catch::Contains("'" + status + "'"));
}
