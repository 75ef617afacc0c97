// hiresim repro end to end: a folder of raw Lever responses yields the
// pending hire; bad input names the file and JSON path; a redacted bundle
// holds none of the customer's personal values and replays.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/repro_command.h"
#include "repro/lever_export.h"
#include "repro/world_builder.h"
#include "scenario/runner.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kRaw =
    std::string(HIRESYNC_SOURCE_DIR) + "/fixtures/repro/exports/hired_nothing_in_justworks";
const std::string kZoe = "2f6c3d1e-8a7b-4c5d-9e0f-a1b2c3d4e5f6";

// A fresh folder under the build's temp dir, removed at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("hiresim-repro-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text = "") const {
    const fs::path p = path / name;
    if (!text.empty()) std::ofstream(p) << text;
    return p.string();
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a folder of raw Lever responses imports without a hand edit") {
  auto exported = sim::repro::read_lever_export(kRaw);
  INFO(exported.status().message());
  REQUIRE(exported.ok());
  auto imported = sim::repro::build_world(*exported);
  INFO(imported.status().message());
  REQUIRE(imported.ok());
  CHECK(imported->opportunities.size() == 2);  // two pages
  CHECK(imported->hired == std::vector<std::string>{kZoe});
  CHECK(imported->world["lever"]["offers"][kZoe].size() == 1);  // tied by the file's name
  CHECK(imported->justworks_made_up);
  const std::string notes = json(imported->notes).dump();
  CAPTURE(notes);
  CHECK(notes.find("user '0d0d0d0d-dead-4bee-8f00-000000000bad' is not in the export") !=
        std::string::npos);
  CHECK(notes.find("interview(s), note(s), feedback form(s) or requisition(s) skipped") !=
        std::string::npos);
  CHECK(notes.find("made up a company with a super admin and two admins") != std::string::npos);
}

TEST_CASE("repro replays the hired opportunity into a pending hire") {
  TempDir tmp("plain");
  sim::cli::ReproArgs args;
  args.path = kRaw;
  args.json_path = tmp.file("out.json");
  REQUIRE(sim::cli::repro(args) == 0);
  const json out = json::parse(read(args.json_path));
  REQUIRE(out["pending_hires"].size() == 1);
  const json& hire = out["pending_hires"][0];
  CHECK(hire["lever_opportunity_id"] == kZoe);
  CHECK(hire["first_name"] == "Zoë");
  CHECK(hire["last_name"] == "Ångström");
  CHECK(hire["compensation_amount"] == 187345);
  CHECK(hire["department"] == "Engineering");
  CHECK(out["emails"].size() == 3);  // the made-up super admin and two admins
  CHECK(out["integration"]["status"] == "connected");
}

TEST_CASE("bad input exits 2 naming the file and the JSON path") {
  TempDir tmp("bad");
  auto [name, text, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"broken.json", "{\"data\": [", "broken.json"},
      {"weird.json", R"({"data": [{"id": "x", "colour": "blue"}]})",
       "weird.json: /data/0: no Lever object"},
      {"users.json",
       R"({"data": [{"id": "u", "name": "Sam", "email": "s@x.example", "accessRole": "admin"}]})",
       "the export holds no opportunity"},
      {"error.json", R"({"code": "Unauthorized", "message": "Invalid API key"})",
       "a Lever error response"},
  }));
  CAPTURE(name, text);
  sim::cli::ReproArgs args;
  args.path = tmp.file(name, text);
  args.save_path = tmp.file("bundle.json");
  CHECK(sim::cli::repro(args) == 2);
  CHECK_FALSE(fs::exists(args.save_path));  // nothing half-written
  auto exported = sim::repro::read_lever_export(args.path);
  std::string message = exported.ok() ? sim::repro::build_world(*exported).status().message()
                                      : exported.status().message();
  CHECK(message.find(expected) != std::string::npos);
}

TEST_CASE("a redacted bundle, its report and its --json hold no personal value, and replay") {
  TempDir tmp("redact");
  sim::cli::ReproArgs args;
  args.path = kRaw;
  args.redact = true;
  args.save_path = tmp.file("bundle.json");
  args.json_path = tmp.file("out.json");
  args.html_path = tmp.file("out.html");
  REQUIRE(sim::cli::repro(args) == 0);  // 0: the redacted copy reproduces the outcome

  // Every personal value of the export: names, emails, phones, addresses,
  // links, free text, the customer's domain, pay.
  const std::vector<std::string> originals = {
      "Zoë",           "Ångström",         "Zoe",          "zoe.angstrom",
      "fjordmail",     "+46 70 123 45 67", "Göteborg",     "Sverige",
      "Fjordlight",    "social.example",   "Seán",         "O'Brien",
      "Walsh",         "sean.obw",         "postbox",      "Cork",
      "Sam Lindqvist", "Lindqvist",        "Priya",        "Raghunathan",
      "nordlys",       "Nordlys",          "Brooklyn",     "187345",
      "170000",        "210000",           "lever-photos", "Customer Company"};
  for (const std::string& file :
       {args.save_path, args.save_path + ".redaction.json", args.json_path, args.html_path}) {
    const std::string text = read(file);
    REQUIRE_FALSE(text.empty());
    for (const std::string& value : originals) {
      CAPTURE(file, value);
      CHECK(text.find(value) == std::string::npos);
    }
  }
  const json out = json::parse(read(args.json_path));
  CHECK(out["reproduces"] == true);
  REQUIRE(out["pending_hires"].size() == 1);
  CHECK(out["pending_hires"][0]["lever_opportunity_id"] == kZoe);

  sim::RunOptions options;
  const sim::ScenarioResult replayed = sim::run_scenario_file(args.save_path, options);
  INFO(replayed.report);
  CHECK(replayed.outcome == sim::ScenarioResult::Outcome::kPassed);
}
