// Lever data taken as it comes (scenario/lever_import.h): collections the
// sync never reads are skipped with a warning, references to users or
// postings the world lacks are named, and nothing else is touched.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scenario/lever_import.h"
#include "scenario/runner.h"
#include "scenario/world_spec.h"

using nlohmann::json;

namespace {

std::string joined(const std::vector<std::string>& lines) { return json(lines).dump(); }

}  // namespace

TEST_CASE("collections the sync never reads are skipped, each with a warning") {
  const json lever = json::parse(R"({
      "users": [{"id": "u1", "name": "Sam", "email": "sam@x.example"}],
      "interviews": [{"id": "i1", "panel": "p1"}],
      "requisition_fields": [],
      "tags": ["a", "b"]})");
  const sim::LeverImport out = sim::import_lever_world(lever, "w.json", "/lever");
  CHECK(out.lever == json::parse(R"({"users": [{"id": "u1", "name": "Sam",
                                     "email": "sam@x.example"}]})"));
  CAPTURE(out.warnings);
  REQUIRE(out.warnings.size() == 3);
  CHECK(joined(out.warnings)
            .find("w.json: /lever/interviews: interviews skipped: the sync never "
                  "reads them") != std::string::npos);
  CHECK(joined(out.warnings).find("/lever/tags") != std::string::npos);
}

TEST_CASE("a user or posting a world names but does not hold is a warning, once per id") {
  const json lever = json::parse(R"({
      "users": [{"id": "u1", "name": "Sam", "email": "sam@x.example"}],
      "postings": [{"id": "p1", "text": "Engineer", "hiringManager": "u-gone",
                    "followers": ["u1", "u-gone"]}],
      "opportunities": [{"id": "o1", "name": "Jo", "owner": "u-gone",
                         "applications": [{"posting": "p-unlisted"}]}]})");
  const sim::LeverImport out = sim::import_lever_world(lever, "w.json", "/lever");
  CHECK(out.lever == lever);  // the fake's loader makes the stubs
  CAPTURE(out.warnings);
  REQUIRE(out.warnings.size() == 2);
  CHECK(out.warnings[0] ==
        "w.json: /lever/postings/0/hiringManager: user 'u-gone' is not in the world: Lever's "
        "answer for it is a stub with no name or email");
  CHECK(out.warnings[1].find("/lever/opportunities/0/applications/0/posting: posting "
                             "'p-unlisted'") != std::string::npos);
}

TEST_CASE("a world that lists no users names no missing user (Lever's defaults stand in)") {
  const json lever = json::parse(R"({"postings": [{"id": "p1", "text": "E", "owner": "u9"}]})");
  CHECK(sim::import_lever_world(lever, "w.json", "/lever").warnings.empty());
}

TEST_CASE("file names of collections the sync never reads are recognised") {
  CHECK(sim::unread_collection_in_file_name("interviews-3b33.json") == "interviews");
  CHECK(sim::unread_collection_in_file_name("Requisition_Fields.json") == "requisition_fields");
  CHECK_FALSE(sim::unread_collection_in_file_name("platform.json"));
  CHECK_FALSE(sim::unread_collection_in_file_name("opportunities.json"));
  CHECK(sim::is_unread_lever_collection("notes"));
  CHECK_FALSE(sim::is_unread_lever_collection("requisitions"));  // the fake loads those
}

TEST_CASE("an inline world's skipped collections reach the world spec's warnings") {
  const json world = json::parse(R"({"lever": {"notes": []}, "justworks": {}})");
  auto spec = sim::resolve_world(world, "s.json");
  REQUIRE(spec.ok());
  REQUIRE((*spec)->warnings.size() == 1);
  CHECK((*spec)->warnings[0] ==
        "s.json: world: /lever/notes: notes skipped: the sync never "
        "reads them");
  CHECK_FALSE((*spec)->tenants[0].lever.contains("notes"));
}

TEST_CASE("a run hands its world's warnings to the caller, who says them") {
  // `hiresim run` prints them; the bench and the fuzzer, which run the same
  // worlds hundreds of times, do not.
  sim::RunOptions options;
  options.keep_transcripts = false;
  const sim::ScenarioResult r = sim::run_scenario_file(
      std::string(HIRESYNC_SOURCE_DIR) + "/scenarios/hire/real_lever_shapes_load_as_they_come.json",
      options);
  REQUIRE(r.outcome == sim::ScenarioResult::Outcome::kPassed);
  CAPTURE(r.warnings);
  REQUIRE(r.warnings.size() == 3);
  CHECK(joined(r.warnings).find("/lever/interviews: interviews skipped") != std::string::npos);
  CHECK(joined(r.warnings).find("is not in the world") != std::string::npos);
}
