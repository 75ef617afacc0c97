// MAP-2: home email.
#include <catch2/catch.hpp>

#include "hire_fixture.h"
#include "mapping/person.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-2 the home email is the first address in emails, trimmed") {
  auto [emails, expected] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"jane@example.com"}, "jane@example.com"},
      {{"  jane@example.com\u00A0"}, "jane@example.com"},
      {{"jane@example.com", "jane.doe@work.example"}, "jane@example.com"},
      {{"Jane.Doe+hr@Example.COM"}, "Jane.Doe+hr@Example.COM"},  // case kept as given
      {{"", "   ", "jane@example.com"}, "jane@example.com"},     // blank entries are not addresses
      {{"zoë@exämple.de"}, "zoë@exämple.de"},
  }));
  HireInputs in = jane();
  in.opportunity.emails = emails;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(emails, all_notes(d));
  CHECK(j(d.home_email) == expected);
  CHECK(notes_for(d, "home_email").empty());
}

TEST_CASE("MAP-2 no email leaves the home email empty with a note") {
  auto emails = GENERATE(std::vector<std::string>{}, std::vector<std::string>{"", " \t "});
  HireInputs in = jane();
  in.opportunity.emails = emails;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(emails, all_notes(d));
  CHECK(j(d.home_email) == nullptr);
  CHECK_THAT(notes_for(d, "home_email"), Catch::Contains("no email in Lever"));
}

TEST_CASE("MAP-2 an entry that is not an address is skipped and named in a note") {
  auto [emails, expected, named] =
      GENERATE(table<std::vector<std::string>, nlohmann::json, std::string>({
          {{"n/a", "jane@example.com"}, "jane@example.com", "'n/a'"},
          {{"jane", "jane@"}, nullptr, "'jane', 'jane@'"},
          {{"jane doe@example.com"}, nullptr, "'jane doe@example.com'"},
          {{"a@example.com,b@example.com"}, nullptr, "'a@example.com,b@example.com'"},
      }));
  HireInputs in = jane();
  in.opportunity.emails = emails;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(emails, all_notes(d));
  CHECK(j(d.home_email) == expected);
  CHECK_THAT(notes_for(d, "home_email"), Catch::Contains(named) && Catch::Contains("not"));
}

TEST_CASE("MAP-2 the address shape check accepts real addresses and rejects typing slips") {
  auto [address, ok] = GENERATE(table<std::string, bool>({
      {"jane@example.com", true},
      {"o'neil+hr@sub.example.co.uk", true},
      {"jane@localhost", false},
      {"@example.com", false},
      {"jane@.com", false},
      {"jane@example.", false},
      {"jane@@example.com", false},
      {"jane\u00A0doe@example.com", false},
      {"jane\x01@example.com", false},
      {"jane\u0091@example.com", false},
      {std::string(242, 'j') + "@example.com", true},   // 254 characters
      {std::string(243, 'j') + "@example.com", false},  // 255: longer than SMTP allows
  }));
  CAPTURE(address);
  CHECK(mapping::looks_like_email(address) == ok);
}

TEST_CASE("MAP-2 an anonymized candidate's email is never synced") {
  HireInputs in = jane();
  in.opportunity.is_anonymized = true;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.home_email) == nullptr);
  CHECK_THAT(notes_for(d, "home_email"), Catch::Contains("anonymized"));
}
