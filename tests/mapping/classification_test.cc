// MAP-6: member type and exemption status.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

TEST_CASE("MAP-6 the posting's commitment gives the member type") {
  auto [commitment, type] = GENERATE(table<std::string, std::string>({
      {"Full-time", "full_time"},
      {"Full time", "full_time"},
      {"Full-Time", "full_time"},
      {" FULL_TIME ", "full_time"},
      {"Fulltime", "full_time"},
      {"Part-time", "part_time"},
      {"part time", "part_time"},
      {"Intern", "intern"},
      {"Contract", "contractor"},
      {"Contractor", "contractor"},
  }));
  HireInputs in = jane();
  in.posting->commitment = commitment;
  const PendingHireDraft d = map_hire(in);
  CAPTURE(commitment, all_notes(d));
  CHECK(j(d.member_type) == type);
  CHECK(notes_for(d, "member_type").empty());
}

TEST_CASE("MAP-6 an offer field labelled Member type wins over the commitment") {
  auto [label, value, type] = GENERATE(table<std::string, json, std::string>({
      {"Member type", "Part-time", "part_time"},
      {"member TYPE", "Intern", "intern"},
      {"  Member\u00A0type ", "Contractor", "contractor"},
  }));
  HireInputs in = jane();  // commitment Full-time
  the_offer(in).fields.push_back(custom(label, value));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(label, value, all_notes(d));
  CHECK(j(d.member_type) == type);
  CHECK(notes_for(d, "member_type").empty());
}

TEST_CASE("MAP-6 an empty Member type field falls back to the commitment") {
  auto value = GENERATE(as<json>{}, nullptr, "", "  ");
  HireInputs in = jane();
  the_offer(in).fields.push_back(custom("Member type", value));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(value, all_notes(d));
  CHECK(j(d.member_type) == "full_time");
}

TEST_CASE("MAP-6 an unknown member type is empty and noted, from either source") {
  auto [offer_value, commitment, named] = GENERATE(table<json, std::string, std::string>({
      {nullptr, "Temporary", "'Temporary'"},
      {nullptr, "Freelance", "'Freelance'"},
      {"Seasonal", "Full-time", "'Seasonal'"},  // no fallback: the offer said something else
      {42, "Full-time", "not text (it is 42)"},
  }));
  HireInputs in = jane();
  in.posting->commitment = commitment;
  if (!offer_value.is_null()) the_offer(in).fields.push_back(custom("Member type", offer_value));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(offer_value, commitment, all_notes(d));
  CHECK(j(d.member_type) == nullptr);
  CHECK_THAT(notes_for(d, "member_type"), Catch::Contains(named));
}

TEST_CASE("MAP-6 no commitment and no Member type field leaves the member type noted") {
  HireInputs in = jane();
  in.posting->commitment.reset();
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.member_type) == nullptr);
  CHECK_THAT(notes_for(d, "member_type"), Catch::Contains("no commitment"));
}

TEST_CASE("MAP-6 the Exemption status field gives exempt or non_exempt") {
  auto [label, value, status] = GENERATE(table<std::string, std::string, std::string>({
      {"Exemption status", "Exempt", "exempt"},
      {"exemption STATUS", "exempt", "exempt"},
      {"Exemption status", "Non-exempt", "non_exempt"},
      {"Exemption status", "Non exempt", "non_exempt"},
      {"Exemption status", "Nonexempt", "non_exempt"},
      {"Exemption status", "NON-EXEMPT", "non_exempt"},
      {"Exemption status", " non_exempt ", "non_exempt"},
  }));
  HireInputs in = jane();
  std::erase_if(the_offer(in).fields, [](const auto& f) { return f.text == "Exemption status"; });
  the_offer(in).fields.push_back(custom(label, value));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(label, value, all_notes(d));
  CHECK(j(d.exemption_status) == status);
  CHECK(notes_for(d, "exemption_status").empty());
}

TEST_CASE("MAP-6 an absent, empty or unknown exemption status is empty and noted") {
  auto [value, why] = GENERATE(table<json, std::string>({
      {"<absent>", "no 'Exemption status' field"},
      {nullptr, "no 'Exemption status' field"},
      {"", "no 'Exemption status' field"},
      {"Salaried", "'Salaried' is neither Exempt nor Non-exempt"},
      {"Exempt-ish", "'Exempt-ish' is neither"},
      {true, "not text (it is true)"},
  }));
  HireInputs in = jane();
  std::erase_if(the_offer(in).fields, [](const auto& f) { return f.text == "Exemption status"; });
  if (value != "<absent>") the_offer(in).fields.push_back(custom("Exemption status", value));
  const PendingHireDraft d = map_hire(in);
  CAPTURE(value, all_notes(d));
  CHECK(j(d.exemption_status) == nullptr);
  CHECK_THAT(notes_for(d, "exemption_status"), Catch::Contains(why));
}

TEST_CASE("MAP-6 with no usable offer the exemption status is noted; commitment still applies") {
  HireInputs in = jane();
  in.offers = {offer_with_status("offer-d", "draft", 1)};
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.member_type) == "full_time");
  CHECK(j(d.exemption_status) == nullptr);
  CHECK_THAT(notes_for(d, "exemption_status"), Catch::Contains("drafts and declined"));
}
