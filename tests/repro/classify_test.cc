// Recognising Lever objects by their content, the file name only a hint.
#include <catch2/catch.hpp>

#include "repro/classify.h"

using nlohmann::json;
using sim::repro::decide_kind;
using sim::repro::kind_hint;
using sim::repro::kind_name;
using sim::repro::LeverKind;

TEST_CASE("each Lever object the sync reads is recognised by its fields") {
  auto [text, kind] = GENERATE(table<std::string, LeverKind>({
      {R"({"id":"o1","name":"Jane Doe","contact":"c1","emails":[],"archived":null})",
       LeverKind::kOpportunity},
      {R"({"id":"f1","status":"signed","fields":[],"signatures":null})", LeverKind::kOffer},
      {R"({"id":"p1","text":"Engineer","categories":{"department":"Eng"}})", LeverKind::kPosting},
      {R"({"id":"u1","name":"Sam","email":"s@x.example","accessRole":"admin"})", LeverKind::kUser},
      {R"({"id":"offer","text":"Offer"})", LeverKind::kStage},
      {R"({"id":"r1","text":"Hired","type":"hired","status":"active"})", LeverKind::kArchiveReason},
      {R"({"id":"a1","opportunityId":"o1","posting":"p1","type":"posting"})",
       LeverKind::kApplication},
      {R"({"id":"c1","name":"Jane","emails":["j@x.example"],"isAnonymized":false})",
       LeverKind::kContact},
      {R"({"id":"i1","panel":"p","interviewers":[],"subject":"Onsite"})", LeverKind::kUnread},
      {R"({"id":"n1","text":"Note","fields":[],"secret":false,"completedAt":null})",
       LeverKind::kUnread},
  }));
  CAPTURE(text);
  const auto decided = decide_kind(json::parse(text), std::nullopt);
  INFO(decided.problem);
  REQUIRE(decided.kind);
  CHECK(kind_name(*decided.kind) == kind_name(kind));
}

TEST_CASE("the file name decides only between kinds the content fits") {
  // {id, name, emails} fits an opportunity and a contact alike.
  const json bare =
      json::parse(R"({"id":"x","name":"Jane","emails":[],"headline":"","sources":[]})");
  const auto undecided = decide_kind(bare, std::nullopt);
  CHECK_FALSE(undecided.kind);
  CHECK(undecided.problem.find("opportunity, contact") != std::string::npos);
  CHECK(decide_kind(bare, kind_hint("opportunities.json")).kind == LeverKind::kOpportunity);
  // A hint the content contradicts is not followed.
  const json posting = json::parse(R"({"id":"p","text":"Engineer","categories":{}})");
  CHECK(decide_kind(posting, kind_hint("users.json")).kind == LeverKind::kPosting);
}

TEST_CASE("an object of no known shape says which fields it has") {
  const auto decided = decide_kind(json::parse(R"({"id":"x","colour":"blue"})"), std::nullopt);
  CHECK_FALSE(decided.kind);
  CHECK(decided.problem == "no Lever object the sync reads has these fields (colour, id)");
  CHECK(decide_kind(json::parse(R"({"name":"no id"})"), std::nullopt).problem.find("\"id\"") !=
        std::string::npos);
}

TEST_CASE("file names hint at the kind they hold, most specific word first") {
  CHECK(kind_hint("opportunity-2f6c-offers.json") == LeverKind::kOffer);
  CHECK(kind_hint("opportunity-2f6c-applications.json") == LeverKind::kApplication);
  CHECK(kind_hint("Opportunities-page-2.json") == LeverKind::kOpportunity);
  CHECK(kind_hint("archive_reasons.json") == LeverKind::kArchiveReason);
  CHECK_FALSE(kind_hint("export.json"));
}
