// The serve session behind the control API: steps posted in the scenario
// language change the world and answer as `hiresim run` would; bad bodies
// change nothing; the export replays green; a --data folder resumes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "serve/session.h"

namespace {

using nlohmann::json;
using sim::serve::Session;

// The help article's happy path, as the inspector's buttons post it.
const char* kHappyPath = R"([
  {"justworks.setup": {"as": "dana@acme.example"}},
  {"lever.consent": {"as": "sam@acme.example"}},
  {"lever.webhook.enable": {"event": "candidateHired"}},
  {"lever.webhook.verify": {"expect": "Verified"}},
  {"justworks.finish_setup": {"as": "dana@acme.example", "expect": "connected"}},
  {"lever.offer.create": {"opportunity": "opp-jane", "as": "sam@acme.example",
                          "fields": {"job_title": "Senior Staff Engineer", "anticipated_start_date": "2027-01-04",
                                     "salary_amount": 185000, "compensation_currency": "USD",
                                     "salary_interval": "per-year-salary",
                                     "custom_exemption_status": {"text": "Exemption status", "value": "Exempt"}}}},
  {"lever.offer.send_outside": {"opportunity": "opp-jane"}},
  {"lever.offer.mark_signed": {"opportunity": "opp-jane"}},
  {"lever.hire": {"opportunity": "opp-jane", "as": "sam@acme.example"}},
  {"settle": {}}
])";

std::unique_ptr<Session> open_session(const std::string& data_dir = "") {
  auto world = sim::serve::choose_world(std::string("acme"));
  REQUIRE(world.ok());
  auto session = Session::open({*world, 7, data_dir, std::nullopt});
  REQUIRE(session.ok());
  return std::move(*session);
}

json state_of(Session& s) {
  auto answer = s.state("", true);
  REQUIRE(answer.status == 200);
  return answer.body;
}

// What `hiresim run` reports for a scenario file holding `steps`.
std::string run_report(const json& steps) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "serve_test_run_report.json").string();
  std::ofstream(path)
      << json{{"name", "same words"}, {"seed", 7}, {"world", "acme"}, {"steps", steps}}.dump();
  return sim::run_scenario_file(path, {}).report;
}

// A report's text after its "<where>: step N (action)" label, which names
// the file in `run` and the request in `serve`.
std::string after_label(const std::string& report) {
  const auto at = report.find(")");
  return at == std::string::npos ? report : report.substr(at + 1);
}

}  // namespace

TEST_CASE("the happy path posted as steps gives one pending hire and two emails") {
  auto s = open_session();
  auto answer = s->post_steps(kHappyPath);
  INFO(answer.body.dump(2));
  REQUIRE(answer.status == 200);
  CHECK(answer.body["results"].size() == 10);
  for (const auto& r : answer.body["results"]) CHECK(r["result"] == "ok");
  const json state = state_of(*s);
  REQUIRE(state["pending_hires"].size() == 1);
  CHECK(state["pending_hires"][0]["first_name"] == "Jane");
  CHECK(state["emails"].size() == 2);
  CHECK(state["integration"]["status"] == "connected");
  CHECK(state["steps_logged"] == 10);
  CHECK(!state["journals"]["deliveries"].empty());
  CHECK(!state["journals"]["lever_requests"].empty());
  CHECK(!state["journals"]["justworks_requests"].empty());
}

TEST_CASE("the state carries each request's and answer's body, secrets masked") {
  auto s = open_session();
  REQUIRE(s->post_steps(kHappyPath).status == 200);
  const json journals = state_of(*s)["journals"];
  auto find = [&](const char* journal, const std::string& method, const std::string& path) {
    for (const auto& e : journals[journal])
      if (e["method"] == method && e["path"] == path) return e;
    FAIL("no " << method << " " << path << " in " << journal);
    return json();
  };
  const json token = find("lever_requests", "POST", "/oauth/token");
  CHECK(token["request_body"].get<std::string>().find("code=[redacted]") != std::string::npos);
  CHECK(json::parse(token["response_body"].get<std::string>())["access_token"] == "[redacted]");
  const json hire = find("justworks_requests", "POST", "/internal/v1/pending_hires");
  CHECK(json::parse(hire["request_body"].get<std::string>())["start_date"] == "2027-01-04");
  CHECK(json::parse(hire["response_body"].get<std::string>())["status"] == "pending");
  const json delivery = journals["deliveries"].back();
  const json sent = json::parse(delivery["request_body"].get<std::string>());
  CHECK(sent["event"] == "candidateHired");
  CHECK(sent["signature"] == "[redacted]");
}

TEST_CASE("the state explains each pending hire field by field, with its Lever path and rule") {
  auto s = open_session();
  REQUIRE(s->post_steps(kHappyPath).status == 200);
  const json state = state_of(*s);
  const std::string id = state["pending_hires"][0]["id"];
  const json fields = state["explanations"][id]["fields"];
  json start;
  for (const auto& f : fields)
    if (f["field"] == "start_date") start = f;
  INFO(fields.dump(2));
  CHECK(start["value"] == "2027-01-04");
  CHECK(start["rule"] == "MAP-8");
  CHECK(start["source"].get<std::string>().find("anticipated_start_date") != std::string::npos);
}

TEST_CASE("a failing expectation answers 422 with the text `run` prints") {
  auto s = open_session();
  const json step = json::parse(R"({"expect.integration": {"status": "connected"}})");
  auto answer = s->post_steps(step.dump());
  REQUIRE(answer.status == 422);
  const std::string error = answer.body["error"];
  CHECK(error.find("POST /control/steps: step 1 (expect.integration)") != std::string::npos);
  CHECK(error.find("at /integration/status") != std::string::npos);
  CHECK(after_label(error) == after_label(run_report(json::array({step}))));
  CHECK(answer.body["failed_step"] == 1);
}

TEST_CASE("a step against a missing opportunity is refused as `run` refuses it, and logs nothing") {
  auto s = open_session();
  const json step =
      json::parse(R"({"lever.hire": {"opportunity": "opp-nobody", "as": "sam@acme.example"}})");
  auto answer = s->post_steps(step.dump());
  REQUIRE(answer.status == 422);
  const std::string error = answer.body["error"];
  CHECK(error.find("the action failed:") != std::string::npos);
  CHECK(error.find("opp-nobody") != std::string::npos);
  CHECK(after_label(error) == after_label(run_report(json::array({step}))));
  CHECK(state_of(*s)["steps_logged"] == 0);
}

TEST_CASE("bad bodies answer 400 naming what is wrong, and the session goes on unchanged") {
  auto s = open_session();
  REQUIRE(s->post_steps(R"({"justworks.setup": {"as": "dana@acme.example"}})").status == 200);
  const json before = state_of(*s);

  auto not_json = s->post_steps("{\"justworks.setup\": ");
  CHECK(not_json.status == 400);
  CHECK(not_json.body["error"].get<std::string>().find("POST /control/steps") != std::string::npos);

  auto unknown = s->post_steps(R"([{"settle": {}}, {"lever.hiree": {"opportunity": "opp-jane"}}])");
  CHECK(unknown.status == 400);
  CHECK(unknown.body["error"] == "POST /control/steps: step 2: unknown action \"lever.hiree\"");

  auto two_actions = s->post_steps(R"({"settle": {}, "clock.advance": "1h"})");
  CHECK(two_actions.status == 400);
  CHECK(s->post_steps("[]").status == 400);
  CHECK(s->post_steps("42").status == 400);

  auto missing_param = s->post_steps(R"({"lever.hire": {"as": "sam@acme.example"}})");
  CHECK(missing_param.status == 400);
  CHECK(missing_param.body["error"].get<std::string>().find("opportunity") != std::string::npos);

  const json after = state_of(*s);
  CHECK(after["steps_logged"] == before["steps_logged"]);
  CHECK(after["time_ms"] == before["time_ms"]);
  CHECK(after["journals"] == before["journals"]);
}

TEST_CASE("an action refused and then expected with expect.error passes and is not logged") {
  auto s = open_session();
  auto answer = s->post_steps(R"([{"lever.consent": {"as": "sam@acme.example"}},
                                  {"expect.error": {"message": "justworks.setup"}}])");
  INFO(answer.body.dump(2));
  CHECK(answer.status == 200);
  CHECK(answer.body["results"][0]["result"] == "refused");
  CHECK(state_of(*s)["steps_logged"] == 0);
}

TEST_CASE("the exported session is a scenario that `hiresim run` passes") {
  auto s = open_session();
  REQUIRE(s->post_steps(kHappyPath).status == 200);
  auto invited = s->post_steps(
      R"([{"justworks.invite": {"opportunity": "opp-jane", "as": "dana@acme.example"}}])");
  INFO(invited.body.dump(2));
  REQUIRE(invited.status == 200);
  const json doc = s->export_scenario();
  auto scenario = sim::parse_scenario(doc, "exported.json");
  REQUIRE(scenario.ok());
  CHECK(scenario->seed == 7);
  CHECK(scenario->world == "acme");
  CHECK(scenario->steps.size() == 11 + 3);
  CHECK(scenario->steps[11].action == "expect.pending_hires");
  CHECK(doc["steps"][11]["expect.pending_hires"][0]["status"] == "invited");
  CHECK(doc["steps"][12]["expect.emails"].size() == 2);
  auto result = sim::run_scenario(*scenario, {});
  INFO(result.report);
  CHECK(result.outcome == sim::ScenarioResult::Outcome::kPassed);

  // A changed export fails: the expectations are real.
  json wrong = doc;
  wrong["steps"][11]["expect.pending_hires"][0]["first_name"] = "Janet";
  auto broken = sim::parse_scenario(wrong, "wrong.json");
  REQUIRE(broken.ok());
  CHECK(sim::run_scenario(*broken, {}).outcome == sim::ScenarioResult::Outcome::kFailed);
}

TEST_CASE("the real clock's ticks log as one clock.advance, and the export still replays") {
  auto s = open_session();
  REQUIRE(s->post_steps(R"({"justworks.setup": {"as": "dana@acme.example"}})").status == 200);
  const int64_t start = state_of(*s)["time_ms"];
  REQUIRE(s->follow_wall_clock(700).ok());
  REQUIRE(s->follow_wall_clock(300).ok());
  CHECK(state_of(*s)["time_ms"].get<int64_t>() == start + 1000);
  const json doc = s->export_scenario();
  CHECK(doc["steps"][1] == json{{"clock.advance", "1000ms"}});
  auto scenario = sim::parse_scenario(doc, "exported.json");
  REQUIRE(scenario.ok());
  CHECK(sim::run_scenario(*scenario, {}).outcome == sim::ScenarioResult::Outcome::kPassed);
}

TEST_CASE("reset starts a fresh world; a bad world is refused and changes nothing") {
  auto s = open_session();
  REQUIRE(s->post_steps(kHappyPath).status == 200);
  auto bad = s->reset(R"({"world": "no-such-world"})");
  CHECK(bad.status == 400);
  CHECK(bad.body["error"].get<std::string>().find("no-such-world") != std::string::npos);
  CHECK(state_of(*s)["pending_hires"].size() == 1);
  CHECK(s->reset("{\"wrold\": 1}").status == 400);
  CHECK(s->reset("not json").status == 400);
  auto fresh = s->reset(R"({"world": "acme", "seed": 3})");
  REQUIRE(fresh.status == 200);
  CHECK(state_of(*s)["pending_hires"].empty());
  CHECK(state_of(*s)["steps_logged"] == 0);
  CHECK(s->export_scenario()["seed"] == 3);
}

TEST_CASE("a session over a --data folder resumes after a restart") {
  const auto dir = std::filesystem::temp_directory_path() / "hiresim_serve_data_test";
  std::filesystem::remove_all(dir);
  {
    auto s = open_session(dir.string());
    REQUIRE(s->post_steps(kHappyPath).status == 200);
  }
  CHECK(std::filesystem::exists(dir / "core.sqlite"));
  CHECK(std::filesystem::exists(dir / "session.json"));
  auto again = open_session(dir.string());
  const json state = state_of(*again);
  CHECK(state["pending_hires"].size() == 1);
  CHECK(state["emails"].size() == 2);
  CHECK(state["integration"]["status"] == "connected");
  CHECK(state["steps_logged"] == 10);
  // The core remembers it synced opp-jane: a replayed delivery creates nothing new.
  REQUIRE(again->post_steps(R"([{"webhook.replay": {"opportunity": "opp-jane"}}, {"settle": {}}])")
              .status == 200);
  CHECK(state_of(*again)["pending_hires"].size() == 1);
  std::filesystem::remove_all(dir);
}
