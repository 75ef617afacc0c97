// Contract tests: Lever's offer workflow as a user drives it, seen through
// the Data API — the draft's standard fields, overrides, and which status
// moves are legal.
#include "support.h"

using namespace lever_test;

namespace {

// Offer fields by identifier.
std::map<std::string, json> fields_of(const json& offer) {
  std::map<std::string, json> out;
  for (const json& f : offer["fields"]) out[f["identifier"].get<std::string>()] = f["value"];
  return out;
}

std::string text_of(const json& offer, const std::string& identifier) {
  for (const json& f : offer["fields"]) {
    if (f["identifier"] == identifier) return f["text"];
  }
  return {};
}

struct OfferDesk {
  Harness h;
  Tokens t = h.connect();

  json offer(const std::string& opp = "opp-jane", size_t index = 0) {
    const json list = h.get_json("/v1/opportunities/" + opp + "/offers", t.access)["data"];
    REQUIRE(list.size() > index);
    return list[index];
  }
  hiresync::Status act(const std::string& action, const std::optional<std::string>& id = {}) {
    return h.lever.offer_action("acme", "opp-jane", id, action, "");
  }
};

}  // namespace

TEST_CASE("a new offer is a draft with the standard fields filled from candidate and job") {
  OfferDesk d;
  auto id = d.h.lever.create_offer("acme", "opp-jane", json::object(), "priya@acme.example");
  REQUIRE(id.ok());
  const json offer = d.offer();
  CHECK(offer["id"] == *id);
  CHECK(offer["status"] == "draft");
  CHECK(offer["creator"] == "u-priya");
  CHECK(offer["posting"] == "post-eng");
  CHECK(offer["createdAt"] == d.h.clock.now_ms());
  CHECK(offer["sentDocument"].is_null());
  CHECK(offer["signedDocument"].is_null());
  auto f = fields_of(offer);
  CHECK(f["job_posting"] == "post-eng");
  CHECK(f["job_title"] == "Staff Engineer");
  CHECK(f["candidate_name"] == "Jane Doe");
  CHECK(f["hiring_manager"] == "u-priya");
  CHECK(f["compensation_currency"] == "USD");
  CHECK(f["salary_amount"].is_null());
  CHECK(f["salary_interval"].is_null());
  CHECK(f["direct_manager"].is_null());
  CHECK(f["anticipated_start_date"].is_null());
  CHECK(f["today_date"] == 1793577600000);  // 2026-11-02 00:00 UTC
  CHECK(text_of(offer, "salary_amount") == "Offered compensation amount");
  CHECK(text_of(offer, "salary_interval") == "Type of earnings");
  CHECK(text_of(offer, "today_date") == "Today's date");
}

TEST_CASE("given fields override the defaults, by identifier") {
  OfferDesk d;
  auto id = d.h.lever.create_offer("acme", "opp-jane", json::parse(R"({
      "salary_amount": 185000, "salary_interval": "per-year-salary",
      "compensation_currency": "EUR", "job_title": "Principal Engineer",
      "anticipated_start_date": "2027-01-04", "direct_manager": "tom@acme.example",
      "hiring_manager": "u-sam",
      "custom_member_type": {"text": "Member type", "value": "Part-time"},
      "custom_exemption_status": "Exempt"})"),
                                   "");
  REQUIRE(id.ok());
  const json offer = d.offer();
  auto f = fields_of(offer);
  CHECK(f["salary_amount"] == 185000);
  CHECK(f["salary_interval"] == "per-year-salary");
  CHECK(f["compensation_currency"] == "EUR");
  CHECK(f["job_title"] == "Principal Engineer");
  CHECK(f["anticipated_start_date"] == 1799020800000);  // 2027-01-04 00:00 UTC
  CHECK(f["direct_manager"] == "u-tom");
  CHECK(f["hiring_manager"] == "u-sam");
  CHECK(f["custom_member_type"] == "Part-time");
  CHECK(text_of(offer, "custom_member_type") == "Member type");
  CHECK(text_of(offer, "custom_exemption_status") == "Exemption status");
}

TEST_CASE("a start date may be given in epoch milliseconds") {
  OfferDesk d;
  REQUIRE(
      d.h.lever.create_offer("acme", "opp-jane", {{"anticipated_start_date", 1799020800000}}, "")
          .ok());
  CHECK(fields_of(d.offer())["anticipated_start_date"] == 1799020800000);
}

TEST_CASE("invalid offer fields are refused, naming the field") {
  OfferDesk d;
  auto [fields, needle] = GENERATE(table<std::string, std::string>({
      {R"({"salary": 1})", "fields.salary: not a Lever offer field identifier"},
      {R"({"salary_amount": "lots"})", "fields.salary_amount: expected a number"},
      {R"({"salary_interval": "yearly"})", "fields.salary_interval: expected one of"},
      {R"({"anticipated_start_date": "2027-13-01"})", "fields.anticipated_start_date: expected"},
      {R"({"direct_manager": "nobody@acme.example"})", "fields.direct_manager: no Lever user"},
      {R"({"job_title": 5})", "fields.job_title: expected a string"},
  }));
  CAPTURE(fields);
  auto id = d.h.lever.create_offer("acme", "opp-jane", json::parse(fields), "");
  REQUIRE_FALSE(id.ok());
  CHECK_THAT(id.status().message(), Catch::Matchers::StartsWith(needle));
  CHECK(d.h.get_json("/v1/opportunities/opp-jane/offers", d.t.access)["data"] == json::array());
}

TEST_CASE("an offer for a candidate without a job leaves the job fields empty") {
  OfferDesk d;
  REQUIRE(d.h.lever.create_offer("acme", "opp-omar", json::object(), "").ok());
  const json offer = d.offer("opp-omar");
  CHECK(offer["posting"].is_null());
  auto f = fields_of(offer);
  CHECK(f["job_posting"].is_null());
  CHECK(f["job_title"].is_null());
  CHECK(f["hiring_manager"].is_null());
  CHECK(f["candidate_name"] == "Omar Haddad");
}

TEST_CASE("sent outside Lever, then marked signed: the help article's path") {
  OfferDesk d;
  REQUIRE(d.h.lever.create_offer("acme", "opp-jane", {{"salary_amount", 1}}, "").ok());
  REQUIRE(d.act("send_outside").ok());
  CHECK(d.offer()["status"] == "sent-manually");
  CHECK(d.offer()["sentAt"] == d.h.clock.now_ms());
  CHECK(d.offer()["sentDocument"].is_null());
  d.h.clock.advance_by(30 * kMinuteMs);
  REQUIRE(d.act("mark_signed").ok());
  const json offer = d.offer();
  CHECK(offer["status"] == "signed");
  CHECK(offer["signedDocument"].is_null());
  CHECK(offer["signatures"]["candidate"]["signed"] == false);
}

TEST_CASE("approved, sent through Lever, opened and signed") {
  OfferDesk d;
  REQUIRE(d.h.lever.create_offer("acme", "opp-jane", json::object(), "").ok());
  REQUIRE(d.act("request_approval").ok());
  REQUIRE(d.act("approve").ok());
  CHECK(d.offer()["approved"] == true);
  CHECK(d.offer()["approvedAt"] == d.h.clock.now_ms());
  REQUIRE(d.act("send").ok());
  CHECK(d.offer()["status"] == "sent");
  CHECK(d.offer()["sentDocument"]["downloadUrl"].get<std::string>().find("/download?status=sent") !=
        std::string::npos);
  REQUIRE(d.act("open").ok());
  CHECK(d.offer()["status"] == "opened");
  REQUIRE(d.act("mark_signed").ok());
  CHECK(d.offer()["status"] == "signed");
}

TEST_CASE("a draft goes straight out unless the account requires approval") {
  OfferDesk d;
  REQUIRE(d.h.lever.create_offer("acme", "opp-jane", json::object(), "").ok());
  SECTION("no approval step") { CHECK(d.act("send").ok()); }
  SECTION("approval required") {
    REQUIRE(d.h.lever.set("acme", "/settings/offer_approval_required", true).ok());
    const hiresync::Status s = d.act("send");
    CHECK(s.code() == hiresync::Status::Code::kConflict);
    CHECK_THAT(s.message(),
               Catch::Matchers::EndsWith("is draft; only an approved offer can be sent"));
    CHECK(d.act("send_outside").ok());  // "Sending offer outside of Lever?" needs no approval
  }
}

TEST_CASE("illegal offer moves are refused and change nothing") {
  OfferDesk d;
  auto [before, action, message] =
      GENERATE(table<std::vector<std::string>, std::string, std::string>({
          {{},
           "mark_signed",
           "is draft; only a sent, sent-manually or opened offer can be marked signed"},
          {{}, "open", "is draft; only a sent offer can be opened"},
          {{"send_outside"},
           "approve",
           "is sent-manually; only a draft or approval-sent offer can be approved"},
          {{"send_outside", "mark_signed"},
           "decline",
           "is signed; only a draft, approval-sent, approved, sent, sent-manually or opened offer "
           "can be "
           "declined"},
          {{"decline"},
           "send_outside",
           "is denied; only a draft or approved offer can be sent outside Lever"},
      }));
  auto id = d.h.lever.create_offer("acme", "opp-jane", json::object(), "");
  REQUIRE(id.ok());
  for (const auto& step : before) REQUIRE(d.act(step).ok());
  const json was = d.offer();
  CAPTURE(action);
  const hiresync::Status s = d.act(action);
  CHECK(s.code() == hiresync::Status::Code::kConflict);
  CHECK(s.message() == "offer " + *id + " " + message);
  CHECK(d.offer() == was);
}

TEST_CASE("decline marks the offer denied") {
  OfferDesk d;
  REQUIRE(d.h.lever.create_offer("acme", "opp-jane", json::object(), "").ok());
  REQUIRE(d.act("decline").ok());
  CHECK(d.offer()["status"] == "denied");
}

TEST_CASE("offer steps act on the most recent offer unless one is named") {
  OfferDesk d;
  auto first = d.h.lever.create_offer("acme", "opp-jane", json::object(), "");
  d.h.clock.advance_by(kMinuteMs);
  auto second = d.h.lever.create_offer("acme", "opp-jane", json::object(), "");
  REQUIRE(d.act("decline").ok());
  CHECK(d.offer("opp-jane", 0)["status"] == "draft");
  CHECK(d.offer("opp-jane", 1)["status"] == "denied");
  REQUIRE(d.act("send_outside", *first).ok());
  CHECK(d.offer("opp-jane", 0)["status"] == "sent-manually");
  CHECK(d.act("approve", std::string("offer-nope")).code() == hiresync::Status::Code::kNotFound);
  CHECK(d.act("bless").code() == hiresync::Status::Code::kInvalidArgument);
}

TEST_CASE("offer steps on a candidate without offers are NotFound") {
  OfferDesk d;
  CHECK(d.h.lever.offer_action("acme", "opp-omar", std::nullopt, "approve", "").code() ==
        hiresync::Status::Code::kNotFound);
}
