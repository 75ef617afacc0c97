// Contract tests: what a Lever user does on a candidate's page — choose a
// job, move a stage, hire, unhire, archive — and lever.set, seen through the
// Data API.
#include "fake_lever/world.h"
#include "support.h"

using namespace lever_test;

namespace {

struct Desk {
  Harness h;
  Tokens t = h.connect(kSyncScopes + " confidential:access:admin");
  json opp(const std::string& id) {
    return h.get_json("/v1/opportunities/" + id, t.access)["data"];
  }
};

}  // namespace

TEST_CASE("hire archives with the Hired reason and keeps the stage") {
  Desk d;
  REQUIRE(d.h.lever.hire("acme", "opp-jane", "tom@acme.example").ok());
  const json opp = d.opp("opp-jane");
  // Lever's default Hired reason has a UUID, like every archive reason.
  CHECK(opp["archived"] ==
        json{{"archivedAt", d.h.clock.now_ms()}, {"reason", sim::lever::kDefaultHiredReasonId}});
  CHECK(opp["stage"] == "offer");
  CHECK(opp["updatedAt"] == d.h.clock.now_ms());
  // An archive is an interaction and an advance, as Lever records it.
  CHECK(opp["lastInteractionAt"] == d.h.clock.now_ms());
  CHECK(opp["lastAdvancedAt"] == d.h.clock.now_ms());
  const json app = d.h.get_json("/v1/opportunities/opp-jane?expand=applications",
                                d.t.access)["data"]["applications"][0];
  CHECK(app["archived"] == opp["archived"]);  // the application mirrors it
}

TEST_CASE("hiring twice is refused") {
  Desk d;
  REQUIRE(d.h.lever.hire("acme", "opp-jane", "").ok());
  const hiresync::Status s = d.h.lever.hire("acme", "opp-jane", "");
  CHECK(s.code() == hiresync::Status::Code::kConflict);
  CHECK(s.message() == "opportunity opp-jane is already hired");
}

TEST_CASE("an anonymized candidate cannot be hired") {
  Desk d;
  REQUIRE(d.h.lever.set("acme", "/opportunities/opp-jane/isAnonymized", true).ok());
  CHECK(d.h.lever.hire("acme", "opp-jane", "").code() == hiresync::Status::Code::kConflict);
}

TEST_CASE("unhire unarchives, and refuses an opportunity that is not archived") {
  Desk d;
  CHECK(d.h.lever.unhire("acme", "opp-jane", "").message() ==
        "opportunity opp-jane is not archived");
  REQUIRE(d.h.lever.hire("acme", "opp-jane", "").ok());
  REQUIRE(d.h.lever.unhire("acme", "opp-jane", "").ok());
  CHECK(d.opp("opp-jane")["archived"].is_null());
  CHECK(d.h.lever.hire("acme", "opp-jane", "").ok());  // and it can be hired again
}

TEST_CASE("archive takes a non-hired reason by text or id") {
  Desk d;
  const std::string underqualified = "2ca106ed-c984-4faa-832f-9525acc10a6c";  // Lever's: a UUID
  const std::string reason =
      GENERATE_COPY(as<std::string>{}, underqualified, "Underqualified", "UNDERQUALIFIED");
  REQUIRE(d.h.lever.archive("acme", "opp-omar", reason, "").ok());
  CHECK(d.opp("opp-omar")["archived"]["reason"] == underqualified);
}

TEST_CASE("archive refuses the hired reason and unknown reasons") {
  Desk d;
  CHECK(d.h.lever.archive("acme", "opp-omar", "Hired", "").code() ==
        hiresync::Status::Code::kInvalidArgument);
  CHECK(d.h.lever.archive("acme", "opp-omar", "Bored", "").code() ==
        hiresync::Status::Code::kNotFound);
}

TEST_CASE("actions name unknown accounts, candidates and users") {
  Desk d;
  CHECK(d.h.lever.hire("globex", "opp-jane", "").code() == hiresync::Status::Code::kNotFound);
  CHECK(d.h.lever.hire("acme", "opp-nope", "").code() == hiresync::Status::Code::kNotFound);
  CHECK(d.h.lever.hire("acme", "opp-jane", "nobody@acme.example").code() ==
        hiresync::Status::Code::kNotFound);
  CHECK(d.h.lever.hire("acme", "opp-jane", "old@acme.example").code() ==
        hiresync::Status::Code::kPermissionDenied);
}

TEST_CASE("move_stage takes a stage id or text and records the change") {
  Desk d;
  d.h.clock.advance_by(kMinuteMs);
  REQUIRE(d.h.lever.move_stage("acme", "opp-omar", "on-site interview", "tom@acme.example").ok());
  const json opp = d.opp("opp-omar");
  const std::string onsite = "e6342c1c-40f9-4904-b234-c93c43b84218";  // a UUID, as in Lever
  CHECK(opp["stage"] == onsite);
  CHECK(opp["lastAdvancedAt"] == d.h.clock.now_ms());
  CHECK(opp["stageChanges"].back() == json{{"toStageId", onsite},
                                           {"toStageIndex", 6},
                                           {"updatedAt", d.h.clock.now_ms()},
                                           {"userId", "u-tom"}});
  CHECK(d.h.lever.move_stage("acme", "opp-omar", "Hired", "").code() ==
        hiresync::Status::Code::kNotFound);  // Lever has no Hired stage
}

TEST_CASE("choose_job creates the application when there is none") {
  Desk d;
  REQUIRE(d.h.lever.choose_job("acme", "opp-omar", "post-eng", "").ok());
  const json opp =
      d.h.get_json("/v1/opportunities/opp-omar?expand=applications", d.t.access)["data"];
  REQUIRE(opp["applications"].size() == 1);
  CHECK(opp["applications"][0]["posting"] == "post-eng");
  CHECK(opp["applications"][0]["postingHiringManager"] == "u-priya");
  CHECK(opp["opportunityLocation"] == "New York");
  CHECK(d.h.get_json("/v1/opportunities?posting_id=post-eng", d.t.access)["data"].size() == 2);
}

TEST_CASE("choose_job changes the job of an existing application") {
  Desk d;
  REQUIRE(d.h.lever.choose_job("acme", "opp-jane", "post-secret", "").ok());
  const json opp =
      d.h.get_json("/v1/opportunities/opp-jane?expand=applications", d.t.access)["data"];
  CHECK(opp["applications"][0]["id"] == "app-jane");
  CHECK(opp["applications"][0]["posting"] == "post-secret");
  CHECK(d.h.lever.choose_job("acme", "opp-jane", "post-nope", "").code() ==
        hiresync::Status::Code::kNotFound);
}

TEST_CASE("set edits the account's data in place") {
  Desk d;
  REQUIRE(
      d.h.lever.set("acme", "/opportunities/opp-jane/emails", json::array({"j@new.example"})).ok());
  CHECK(d.opp("opp-jane")["emails"] == json::array({"j@new.example"}));
  REQUIRE(d.h.lever.set("acme", "/postings/post-eng/categories/location", "Remote").ok());
  CHECK(d.h.get_json("/v1/postings/post-eng", d.t.access)["data"]["categories"]["location"] ==
        "Remote");
  REQUIRE(d.h.lever.set("acme", "/users/u-tom/accessRole", "super admin").ok());
  CHECK(d.h.get_json("/v1/users/u-tom", d.t.access)["data"]["accessRole"] == "super admin");
}

TEST_CASE("set edits an offer by opportunity and offer id") {
  Desk d;
  auto id = d.h.lever.create_offer("acme", "opp-jane", json::object(), "");
  REQUIRE(d.h.lever.set("acme", "/offers/opp-jane/" + *id + "/status", "signed").ok());
  CHECK(d.h.get_json("/v1/opportunities/opp-jane/offers", d.t.access)["data"][0]["status"] ==
        "signed");
}

TEST_CASE("set refuses edits that would make the data invalid") {
  Desk d;
  auto [pointer, value, message] = GENERATE(table<std::string, std::string, std::string>({
      {"/opportunities/opp-jane/emails", R"("x@y")",
       "/opportunities/opp-jane/emails: expected an array of strings"},
      {"/opportunities/opp-jane/owner", R"("u-ghost")",
       "/opportunities/opp-jane/owner: unknown user 'u-ghost'"},
      {"/opportunities/opp-jane/id", R"("opp-x")",
       "/opportunities/opp-jane: an object's id cannot change"},
      {"/opportunities/opp-nope/emails", "[]", "/opportunities/opp-nope: no such object"},
      {"/candidates/opp-jane/emails", "[]",
       "/candidates/opp-jane/emails: unknown collection 'candidates'"},
      {"opportunities", "[]", "'opportunities' is not a JSON pointer"},
      {"/settings/colour", R"("blue")",
       "/settings: expected /settings/roles_with_manage_integrations, "
       "/settings/offer_approval_required or a switch (retry_token, refresh_reuse, "
       "refresh_grace_s, rate_limit_headers, hire_events)"},
      {"/settings/retry_token", R"("sometimes")",
       "/settings/retry_token: \"sometimes\" is not one of: reuse, mint"},
      {"/settings/refresh_grace_s", "-1",
       "/settings/refresh_grace_s: -1 is not a whole number of seconds from 0 to 86400"},
  }));
  CAPTURE(pointer);
  const hiresync::Status s = d.h.lever.set("acme", pointer, json::parse(value));
  CHECK(s.message() == message);
  CHECK(d.opp("opp-jane")["emails"] == json::array({"jane@example.com"}));
}
