// FieldSource: where each field of the pending hire was read in Lever, and
// the rule that decided it (issue 14: the explanation of a run shows these).
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

// The source recorded for `field`, as "rule path" so a failed CHECK shows both.
std::string source_of(const PendingHireDraft& d, const std::string& field) {
  std::string out;
  for (const FieldSource& s : d.sources) {
    if (s.field == field) out += (out.empty() ? "" : " | ") + s.rule + " " + s.source;
  }
  return out.empty() ? "<none>" : out;
}

std::string all_sources(const PendingHireDraft& d) {
  std::string out;
  for (const FieldSource& s : d.sources) out += s.field + ": " + s.rule + " " + s.source + "\n";
  return out;
}

}  // namespace

TEST_CASE("provenance: a complete signed offer names the Lever path and rule of every field") {
  const PendingHireDraft d = map_hire(jane());
  auto [field, expected] = GENERATE(table<std::string, std::string>({
      {"first_name", "MAP-1 opportunity.name"},
      {"last_name", "MAP-1 opportunity.name"},
      {"home_email", "MAP-2 opportunity.emails[0]"},
      {"title", "MAP-3 offers[0].fields[job_title].value"},
      {"department", "MAP-4 posting.categories.department"},
      {"office", "MAP-4 posting.categories.location"},
      {"manager", "MAP-7 offers[0].fields[direct_manager].value → users[u-sam].email"},
      {"start_date", "MAP-8 offers[0].fields[anticipated_start_date].value"},
      {"member_type", "MAP-6 posting.categories.commitment"},
      {"compensation_amount", "MAP-5 offers[0].fields[salary_amount].value"},
      {"type_of_earnings", "MAP-5 offers[0].fields[salary_interval].value"},
      {"exemption_status", "MAP-6 offers[0].fields[custom_Exemption status].value"},
  }));
  CAPTURE(field, all_sources(d));
  CHECK(source_of(d, field) == expected);
}

TEST_CASE("provenance: one source per field, in the pending hire's field order") {
  HireInputs in = GENERATE(jane(), [] {
    HireInputs none = jane();
    none.offers.clear();
    none.posting.reset();
    none.opportunity.posting_id.reset();
    none.opportunity.emails.clear();
    return none;
  }());
  const PendingHireDraft d = map_hire(in);
  std::vector<std::string> fields;
  for (const FieldSource& s : d.sources) fields.push_back(s.field);
  CHECK(fields == std::vector<std::string>{"first_name", "last_name", "home_email", "title",
                                           "department", "office", "manager", "start_date",
                                           "member_type", "compensation_amount", "type_of_earnings",
                                           "exemption_status"});
}

TEST_CASE("provenance follows the inputs: which offer, which email, which fallback") {
  struct Case {
    const char* what;
    std::function<void(HireInputs&)> bend;
    std::string field, expected;
  };
  const Case c = GENERATE(values<Case>({
      {"the newest signed offer is second in Lever's list",
       [](HireInputs& in) {
         in.offers = {offer_with_status("old", "signed", 100),
                      offer_with_status("new", "signed", 200)};
       },
       "compensation_amount", "MAP-5 offers[1].fields[salary_amount].value"},
      {"an unsigned newer offer still gives the signed one's start date",
       [](HireInputs& in) {
         in.offers = {offer_with_status("sent", "sent", 300), signed_offer("s", 100)};
       },
       "start_date", "MAP-8 offers[1].fields[anticipated_start_date].value"},
      {"no signed offer: terms from the one in progress, no start date read",
       [](HireInputs& in) { in.offers = {offer_with_status("sent", "sent", 300)}; }, "start_date",
       "MAP-8 "},
      {"no signed offer: pay from the one in progress",
       [](HireInputs& in) {
         in.offers = {offer_with_status("draft", "draft", 400),
                      offer_with_status("sent", "sent", 300)};
       },
       "type_of_earnings", "MAP-5 offers[1].fields[salary_interval].value"},
      {"the offer has no job title: the posting's",
       [](HireInputs& in) { remove_field(the_offer(in), "job_title"); }, "title",
       "MAP-3 posting.text"},
      {"the first email is not an address: the second",
       [](HireInputs& in) {
         in.opportunity.emails = {"n/a", "jane@example.com"};
       },
       "home_email", "MAP-2 opportunity.emails[1]"},
      {"no email at all", [](HireInputs& in) { in.opportunity.emails.clear(); }, "home_email",
       "MAP-2 opportunity.emails"},
      {"an offer's Member type wins over the commitment",
       [](HireInputs& in) { the_offer(in).fields.push_back(custom("Member type", "Part-time")); },
       "member_type", "MAP-6 offers[0].fields[custom_Member type].value"},
      {"no posting: department is HIRE-7's, with nothing read",
       [](HireInputs& in) {
         in.posting.reset();
         in.opportunity.posting_id.reset();
       },
       "department", "HIRE-7 "},
      {"no direct manager: the hiring manager",
       [](HireInputs& in) { remove_field(the_offer(in), "direct_manager"); }, "manager",
       "MAP-7 offers[0].fields[hiring_manager].value → users[u-pat].email"},
      {"a dropped amount still names where it was read",
       [](HireInputs& in) { set_field(the_offer(in), "compensation_currency", "EUR"); },
       "compensation_amount", "MAP-5 offers[0].fields[salary_amount].value"},
      {"no offer at all: nothing read for pay", [](HireInputs& in) { in.offers.clear(); },
       "compensation_amount", "MAP-5 "},
  }));
  HireInputs in = jane();
  c.bend(in);
  const PendingHireDraft d = map_hire(in);
  CAPTURE(c.what, all_sources(d), all_notes(d));
  CHECK(source_of(d, c.field) == c.expected);
}
