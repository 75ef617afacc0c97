// The explanation of a run (issue 14), on real scenario runs: each field's
// Lever source and rule, the core's decisions, the emails and why, and every
// loss stated.
#include <catch2/catch.hpp>

#include <string>

#include "explain/explain.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

namespace sim {
namespace {

using nlohmann::json;

std::string scenario_path(const std::string& relative) {
  return std::string(HIRESYNC_SOURCE_DIR) + "/scenarios/" + relative;
}

ScenarioResult run_explained(const std::string& relative) {
  RunOptions options;
  options.explain = true;
  ScenarioResult r = run_scenario_file(scenario_path(relative), options);
  INFO(r.report);
  REQUIRE(r.outcome == ScenarioResult::Outcome::kPassed);
  REQUIRE(r.explanation.is_object());
  return r;
}

// The same scenario with its expectation steps removed: what `hiresim run`
// of a file a user wrote without expectations gets.
Scenario without_expectations(const std::string& relative) {
  auto scenario = load_scenario(scenario_path(relative));
  REQUIRE(scenario.ok());
  std::erase_if(scenario->steps, [](const Step& s) { return s.is_expectation(); });
  return *scenario;
}

const json& field(const json& hire, const std::string& name) {
  for (const json& f : hire["fields"]) {
    if (f["field"] == name) return f;
  }
  static const json none;
  FAIL("no field " << name << " in " << hire.dump(2));
  return none;
}

// Every decision as "actor what ↳ why", one per line, for CHECK_THAT and CAPTURE.
std::string decisions_text(const json& e) {
  std::string out;
  for (const json& d : e["decisions"]) {
    out += d.value("actor", "") + " " + d.value("what", "") + " ↳ " + d.value("why", "") + "\n";
  }
  return out;
}

TEST_CASE("explain: a signed-offer hire names each field's Lever path and rule", "[explain]") {
  const ScenarioResult r = run_explained("hire/signed_offer_in_world_hire.json");
  const json& e = r.explanation;
  REQUIRE(e["pending_hires"].size() == 1);
  const json& hire = e["pending_hires"][0];
  CAPTURE(hire.dump(2));
  CHECK(hire["record"]["lever_opportunity_id"] == "opp-omar");

  const json& salary = field(hire, "compensation_amount");
  CHECK(salary["value"] == 142000);
  CHECK(salary["rule"] == "MAP-5");
  CHECK_THAT(salary["source"].get<std::string>(),
             Catch::Matches(R"(offers\[\d+\]\.fields\[salary_amount\]\.value)"));
  CHECK(salary["reason"] == "");

  CHECK(field(hire, "department")["source"] == "posting.categories.department");
  CHECK(field(hire, "department")["rule"] == "MAP-4");
  CHECK(field(hire, "department")["value"] == "Sales");
  CHECK_THAT(field(hire, "manager")["source"].get<std::string>(),
             Catch::Contains("fields[direct_manager].value") && Catch::Contains("users["));
  CHECK(field(hire, "first_name")["source"] == "opportunity.name");

  // The decisions: the delivery accepted, the reads, the create, the emails.
  const std::string decisions = decisions_text(e);
  CAPTURE(decisions);
  CHECK_THAT(decisions,
             Catch::Contains("candidateHired delivery for opp-omar accepted: hire queued"));
  CHECK_THAT(decisions, Catch::Contains("called Lever: opportunity opp-omar, opp-omar's offers"));
  // In the order it happened: accepted, read, created, emailed, done.
  const size_t accepted = decisions.find("accepted: hire queued");
  const size_t created = decisions.find("created the pending hire");
  const size_t emailed = decisions.find("emailed ");
  const size_t done = decisions.find("hire opp-omar: pending hire");
  CHECK(accepted < created);
  CHECK(created < emailed);
  CHECK(emailed < done);
  CHECK_THAT(decisions, Catch::Contains("created the pending hire in Justworks"));
  CHECK_THAT(decisions, Catch::Contains("hire opp-omar: pending hire"));

  REQUIRE(e["emails"].size() == 2);
  for (const json& email : e["emails"]) {
    CAPTURE(email.dump());
    CHECK_THAT(email["why"].get<std::string>(),
               Catch::StartsWith("an admin holding Manage employees in the member list"));
    CHECK(email["pending_hire"] == hire["record"]["id"]);
  }
  CHECK(e["losses"].empty());
  CHECK(e["integration"]["acme"]["status"] == "connected");
}

TEST_CASE("explain: with the webhook off the loss is stated, not silent", "[explain]") {
  const ScenarioResult r = run_explained("hire/webhook_off_creates_nothing.json");
  const json& e = r.explanation;
  CAPTURE(e["losses"].dump(2));
  CHECK(e["pending_hires"].empty());
  REQUIRE(e["losses"].size() == 1);
  CHECK(e["losses"][0]["opportunity"] == "opp-omar");
  CHECK_THAT(e["losses"][0]["what"].get<std::string>(),
             Catch::Contains("no delivery reached the core: the webhook is switched off"));
  CHECK_THAT(explanation_text(e, false), Catch::Contains("the webhook is switched off"));
}

TEST_CASE("explain: a duplicated delivery is shown ignored as already seen", "[explain]") {
  const ScenarioResult r = run_explained("rel/duplicate_delivery_one_hire.json");
  const std::string decisions = decisions_text(r.explanation);
  CAPTURE(decisions);
  CHECK_THAT(decisions, Catch::Contains("accepted: hire queued"));
  CHECK_THAT(decisions,
             Catch::Contains("candidateHired (duplicate) → 200 ↳ candidateHired delivery "
                             "for opp-omar ignored: already seen"));
  CHECK(r.explanation["losses"].empty());
}

TEST_CASE("explain: a forged delivery is a stated loss: bad signature", "[explain]") {
  const ScenarioResult r = run_explained("sec/forged_signature_refused.json");
  std::string losses;
  for (const json& l : r.explanation["losses"]) losses += l["what"].get<std::string>() + "\n";
  CAPTURE(decisions_text(r.explanation));
  CHECK_THAT(losses, Catch::Contains("bad signature"));
}

TEST_CASE("explain: a scenario without expectations is explained even without reports",
          "[explain]") {
  RunOptions options;
  options.explain = true;
  options.keep_transcripts = false;  // `hiresim run FILE` with no --json or --html
  const ScenarioResult r =
      run_scenario(without_expectations("hire/signed_offer_in_world_hire.json"), options);
  REQUIRE(r.outcome == ScenarioResult::Outcome::kPassed);
  CHECK_FALSE(r.has_expectations);
  REQUIRE(r.explanation.is_object());
  const std::string plain = explanation_text(r.explanation, false);
  CAPTURE(plain);
  CHECK_THAT(plain, Catch::Contains("Pending hires (1)") && Catch::Contains("MAP-5") &&
                        Catch::Contains("Losses: none") && Catch::Contains("Decisions"));
  CHECK(plain.find('\033') == std::string::npos);
  // Decisions carry the virtual time as a date, not a truncated number.
  CHECK_THAT(plain, !Catch::Contains("1969-") && !Catch::Contains("1970-"));
  CHECK(explanation_text(r.explanation, true).find("\033[") != std::string::npos);
  CHECK_THAT(explanation_html(r.explanation),
             Catch::StartsWith("<section class=\"explain\">") && Catch::Contains("MAP-5"));

  // A scenario with expectations is not explained unless a report reads it.
  const ScenarioResult asserted =
      run_scenario_file(scenario_path("hire/signed_offer_in_world_hire.json"), options);
  CHECK(asserted.has_expectations);
  CHECK(asserted.explanation.is_null());
}

TEST_CASE("explain: the same scenario and seed explain in the same bytes", "[explain]") {
  const json first = run_explained("rel/justworks_503_twice_then_success.json").explanation;
  const json second = run_explained("rel/justworks_503_twice_then_success.json").explanation;
  CHECK(first.dump() == second.dump());
  // Retries are decisions too.
  CHECK_THAT(decisions_text(first), Catch::Contains("retrying in"));
  CHECK(first.dump().find("127.0.0.1") == std::string::npos);  // servers named, not ports
}

}  // namespace
}  // namespace sim
