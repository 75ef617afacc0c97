// MAP-11: values of the wrong JSON type in any offer field are noted, never
// crash and never become a wrong value; nothing ever blocks the pending hire.
#include <catch2/catch.hpp>
#include <limits>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

const json kOddValues[] = {
    nullptr,
    "",
    "142,000",
    "2027-01-04",
    "\xFF\xFE not utf-8",
    "Exempt\x07",
    " u-sam ",
    0,
    -1,
    1.5,
    1e308,
    std::numeric_limits<uint64_t>::max(),
    true,
    json::array(),
    json::array({"u-sam"}),
    json::object(),
    json::object({{"id", "u-sam"}, {"text", "Exempt"}}),
};

}  // namespace

TEST_CASE("MAP-11 an odd value in any offer field is noted and every empty field says why") {
  auto identifier =
      GENERATE(as<std::string>{}, "job_title", "salary_amount", "salary_interval",
               "compensation_currency", "direct_manager", "hiring_manager",
               "anticipated_start_date", "custom_Exemption status", "custom_Member type");
  auto value_index = GENERATE(range<size_t>(0, std::size(kOddValues)));
  const json& value = kOddValues[value_index];
  HireInputs in = jane();
  set_field(the_offer(in), identifier, value);
  if (identifier.starts_with("custom_")) the_offer(in).fields.back().text = identifier.substr(7);
  PendingHireDraft d;
  REQUIRE_NOTHROW(d = map_hire(in));
  CAPTURE(identifier, show(value), all_notes(d));
  CHECK(broken_invariants(d).empty());
  // Whatever survived is one of the values Justworks accepts.
  if (d.type_of_earnings) CHECK((*d.type_of_earnings == "salary" || *d.type_of_earnings == "wage"));
  if (d.exemption_status) {
    CHECK((*d.exemption_status == "exempt" || *d.exemption_status == "non_exempt"));
  }
  if (d.compensation_amount) {
    const json expected = identifier == "salary_amount" ? value : json(185000);
    CHECK(json(*d.compensation_amount) == expected);
  }
}

TEST_CASE("MAP-11 an offer with no fields at all still gives a pending hire, fully noted") {
  HireInputs in = jane();
  the_offer(in).fields.clear();
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(broken_invariants(d).empty());
  CHECK(j(d.first_name) == "Jane");
  CHECK(j(d.title) == "Senior Engineer (posting)");
}

TEST_CASE("MAP-11 an empty world (nothing known at all) still maps, every field noted") {
  const PendingHireDraft d = map_hire(HireInputs{});
  CAPTURE(all_notes(d));
  CHECK(broken_invariants(d).empty());
  CHECK(d.flags.empty());
}
