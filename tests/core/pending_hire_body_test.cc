// pending_hire_body: the body of POST /internal/v1/pending_hires, from a mapped draft.
#include <catch2/catch.hpp>
#include <set>

#include "../mapping/hire_fixture.h"
#include "justworks/pending_hire_body.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

const std::set<std::string> kKeys = {"source",
                                     "lever_opportunity_id",
                                     "lever_contact_id",
                                     "first_name",
                                     "last_name",
                                     "home_email",
                                     "title",
                                     "department",
                                     "office",
                                     "manager",
                                     "start_date",
                                     "member_type",
                                     "compensation_amount",
                                     "type_of_earnings",
                                     "exemption_status",
                                     "flags",
                                     "notes"};

std::set<std::string> keys_of(const json& body) {
  std::set<std::string> keys;
  for (const auto& [key, value] : body.items()) keys.insert(key);
  return keys;
}

}  // namespace

TEST_CASE("the pending hire body writes the complete pending hire of SPEC §5") {
  const json body = justworks::pending_hire_body(map_hire(jane()));
  CAPTURE(body.dump(2));
  CHECK(body == json::parse(R"({
      "source": "lever", "lever_opportunity_id": "opp-jane", "lever_contact_id": "c-jane",
      "first_name": "Jane", "last_name": "Doe", "home_email": "jane@example.com",
      "title": "Staff Engineer", "department": "Engineering", "office": "New York",
      "manager": {"name": "Sam Lee", "email": "sam@acme.example"},
      "start_date": "2027-01-04", "member_type": "full_time",
      "compensation_amount": 185000, "type_of_earnings": "salary",
      "exemption_status": "exempt", "flags": [], "notes": []})"));
}

TEST_CASE(
    "the pending hire body writes every key, absent values as null, and nothing else (MAP-10)") {
  const json body = justworks::pending_hire_body(PendingHireDraft{});
  CAPTURE(body.dump(2));
  CHECK(keys_of(body) == kKeys);
  for (const char* key : {"first_name", "last_name", "home_email", "title", "department", "office",
                          "manager", "start_date", "member_type", "compensation_amount",
                          "type_of_earnings", "exemption_status"}) {
    CAPTURE(key);
    CHECK(body.at(key).is_null());
  }
  CHECK(body.at("flags") == json::array());
  CHECK(body.at("notes") == json::array());
  CHECK(body.at("source") == "lever");
}

TEST_CASE("the pending hire body writes whole dollars as integers and cents as decimals") {
  auto [amount, text] = GENERATE(table<double, std::string>({
      {185000.0, "185000"},
      {1.0, "1"},
      {23.5, "23.5"},
      {23.45, "23.45"},
      {185000.25, "185000.25"},
      {999999999.0, "999999999"},
  }));
  PendingHireDraft d;
  d.compensation_amount = amount;
  d.type_of_earnings = "wage";
  const json body = justworks::pending_hire_body(d);
  CAPTURE(amount);
  CHECK(body.at("compensation_amount").dump() == text);
  CHECK(body.at("compensation_amount").is_number_integer() ==
        (text.find('.') == std::string::npos));
}

TEST_CASE(
    "the pending hire body writes notes as field/reason objects and flags as strings, in order") {
  PendingHireDraft d;
  d.flags = {"possible_duplicate"};
  d.notes = {{"office", "Lever office 'Berlin' is not a Justworks office."},
             {"flags", "Pending hire 'ph_1' is the same Lever candidate."}};
  const json body = justworks::pending_hire_body(d);
  CAPTURE(body.dump(2));
  CHECK(body.at("flags") == json::array({"possible_duplicate"}));
  CHECK(body.at("notes") ==
        json::parse(
            R"([{"field": "office", "reason": "Lever office 'Berlin' is not a Justworks office."},
                        {"field": "flags", "reason": "Pending hire 'ph_1' is the same Lever candidate."}])"));
}

TEST_CASE("the pending hire body of a mapped hire always serialises, whatever the input held") {
  HireInputs in = jane();
  in.opportunity.name = "J\xFF\xFE D";
  in.opportunity.emails = {"\xC3@x.example"};
  in.posting->department = "R&D \xFF";
  set_field(the_offer(in), "salary_interval", "per-\xFFyear");
  const PendingHireDraft d = map_hire(in);
  std::string text;
  REQUIRE_NOTHROW(text = justworks::pending_hire_body(d).dump());
  CAPTURE(text);
  CHECK(broken_invariants(d).empty());
}
