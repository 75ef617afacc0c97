// Lever's JSON, including the odd shapes real Lever sends, never crashes the parser.
#include <catch2/catch.hpp>

#include "lever/oauth.h"
#include "lever/parse.h"
#include "webhook/delivery.h"

namespace hiresync::lever {
namespace {

using nlohmann::json;

TEST_CASE("opportunity takes the posting from the expanded application", "[lever]") {
  auto o = parse_opportunity(json::parse(R"({
    "id": "opp-1", "name": "Jane Doe", "contact": "c-1", "emails": ["a@x", 7, null],
    "applications": [{"id": "app-1", "posting": "post-1"}],
    "archived": {"archivedAt": 1, "reason": "r-hired"}})"));
  REQUIRE(o.ok());
  CHECK(o->posting_id == std::optional<std::string>("post-1"));
  CHECK(o->emails == std::vector<std::string>{"a@x"});
  CHECK(o->archive_reason_id == std::optional<std::string>("r-hired"));
}

TEST_CASE("opportunity with unexpanded applications has no posting", "[lever]") {
  auto o = parse_opportunity(json::parse(R"({"id": "opp-1", "applications": ["app-1"]})"));
  REQUIRE(o.ok());
  CHECK_FALSE(o->posting_id.has_value());
}

TEST_CASE("opportunity accepts an expanded contact object", "[lever]") {
  auto o =
      parse_opportunity(json::parse(R"({"id": "opp-1", "contact": {"id": "c-9", "name": "J"}})"));
  REQUIRE(o.ok());
  CHECK(o->contact_id == "c-9");
}

TEST_CASE("parsers survive missing, null and mistyped fields", "[lever]") {
  const std::string text = GENERATE(
      std::string(R"({"id": "x"})"),
      std::string(R"({"id": "x", "name": null, "emails": "a@b", "applications": {"a": 1},
                      "archived": "yes", "contact": 5, "isAnonymized": "no"})"),
      std::string(R"({"id": "x", "fields": [null, 1, {"identifier": 3, "value": {"a": [1]}}],
                      "createdAt": "yesterday", "posting": {"id": 4}})"),
      std::string(R"({"id": "x", "categories": {"department": 5, "location": null},
                      "hiringManager": [], "deactivatedAt": 1e300})"));
  CAPTURE(text);
  const json j = json::parse(text);
  CHECK(parse_opportunity(j).ok());
  CHECK(parse_offer(j).ok());
  CHECK(parse_posting(j).ok());
  CHECK(parse_user(j).ok());
}

TEST_CASE("parsers refuse an object without an id", "[lever]") {
  const json j = GENERATE(json(nullptr), json::parse("[]"), json::parse(R"({"id": 5})"),
                          json::parse(R"({"name": "x"})"));
  CAPTURE(j.dump());
  CHECK_FALSE(parse_opportunity(j).ok());
  CHECK_FALSE(parse_posting(j).ok());
}

TEST_CASE("offer keeps field values raw for the mapping", "[lever]") {
  auto o = parse_offer(json::parse(R"({"id": "of-1", "status": "signed", "createdAt": 5,
      "fields": [{"identifier": "salary_amount", "text": "Salary", "value": 120000.5}]})"));
  REQUIRE(o.ok());
  REQUIRE(o->fields.size() == 1);
  CHECK(o->fields[0].value == json(120000.5));
  CHECK(o->created_at_ms == 5);
}

TEST_CASE("webhook create answer is read with or without the documented double data", "[lever]") {
  const json plain = json::parse(
      R"({"id": "wh-1", "url": "u", "event": "candidateHired",
          "configuration": {"signatureToken": "s"}})");
  const json doubled = json{{"data", plain}};
  for (const json& j : {plain, doubled}) {
    auto w = parse_webhook(j);
    REQUIRE(w.ok());
    CHECK(w->id == "wh-1");
    CHECK(w->signature_token == "s");
  }
}

TEST_CASE("page keeps next only while hasNext is true", "[lever]") {
  auto more = parse_page(R"({"data": [1, 2], "next": "tok", "hasNext": true})");
  REQUIRE(more.ok());
  CHECK(more->next == std::optional<std::string>("tok"));
  auto last = parse_page(R"({"data": [], "next": "tok", "hasNext": false})");
  REQUIRE(last.ok());
  CHECK_FALSE(last->next.has_value());
  CHECK(parse_page("<html>").status().code() == Status::Code::kUnavailable);
}

TEST_CASE("token answer without an access token is refused", "[lever]") {
  CHECK_FALSE(parse_token_response(R"({"refresh_token": "r"})").ok());
  auto grant = parse_token_response(R"({"access_token": "a", "expires_in": 3600})");
  REQUIRE(grant.ok());
  CHECK(grant->refresh_token.empty());
  CHECK(grant->expires_in_s == 3600);
}

}  // namespace
}  // namespace hiresync::lever
