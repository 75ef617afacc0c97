// The scenario runner: replays scenario files, each in its own fresh world,
// and reports what failed in terms a developer can act on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/secrets_key.h"
#include "scenario/scenario.h"

namespace sim {

class SimWorld;

struct ScenarioResult {
  enum class Outcome {
    kPassed,
    kFailed,   // an expectation did not hold, or an action failed unexpectedly
    kInvalid,  // the scenario or its world is malformed: bad input
    kError,    // the simulator itself failed
  };
  std::string path;
  std::string name;
  std::vector<std::string> covers;
  uint64_t seed = 0;
  Outcome outcome = Outcome::kPassed;
  std::string report;  // why it did not pass; several lines
  // What the world's loading took as it came rather than refused (a
  // collection the sync never reads, a user a posting names but the world
  // lacks). The caller says them: `hiresim run` on stderr, so --json stays
  // the same; the bench and the fuzzer keep quiet.
  std::vector<std::string> warnings;
  size_t failed_step = 0;  // 1-based; 0 when no step failed
  // What happened, for --json, --keep and --html: every step with its result
  // and virtual time, both fakes' journals, the final records.
  nlohmann::json transcript = nlohmann::json::object();
  int64_t wall_ms = 0;
  // False when no step is an expectation: `run` then prints the explanation,
  // so running such a file tells what happened instead of a bare PASS.
  bool has_expectations = true;
  // What happened and why (sim/explain/explain.h), when options.explain asked
  // for it and a transcript is kept or the scenario has no expectation. Null otherwise.
  nlohmann::json explanation;
  // Every secret the world issued (tokens, codes, the client secret), so a
  // test can prove none is printed (TOKEN-2). Never written to any report.
  std::vector<std::string> issued_secrets;
};

struct RunOptions {
  std::optional<uint64_t> seed;  // overrides every scenario's own seed
  std::string filter;            // only scenarios whose path or name contains it
  int jobs = 1;                  // scenarios run at once, each in its own world
  std::string keep_dir;          // when set, each scenario's database and transcript go here
  // The key every world's core seals its secrets with (HIRESYNC_SECRETS_KEY);
  // none = each world's own, drawn from its seed.
  std::optional<hiresync::SecretsKey> secrets_key;
  // False: with no --json or --html to write, a transcript is built only for
  // --keep, and dropped once reported; holding every scenario's journals
  // would only cost memory, and building them unread only time.
  bool keep_transcripts = true;
  // Build each result's explanation (see ScenarioResult::explanation); off by
  // default, as the fuzzer and the bench read none.
  bool explain = false;
  // Lever switches (a lever.settings object) for every world that does not
  // set them itself: `hiresim run --set lever.KEY=VALUE`.
  nlohmann::json lever_settings = nlohmann::json::object();
  // Threads running each core's due hires (`--workers`): above 1 the order
  // of concurrent hires, so ids and transcripts, may differ run to run.
  int core_workers = 1;
  // Called once the steps have run, while the world is still alive: for a
  // caller that reads more than the transcript (hiresim repro reads the
  // integration status and the run's explanation). Not called when the world
  // could not be built.
  std::function<void(SimWorld&, ScenarioResult&)> after_steps;
};

// The folder under --keep for a scenario file: its path with '/', '\\' and
// '%' written %2F, %5C and %25, so every path has a folder of its own
// (a/b.json and a_b.json no longer share one).
std::string keep_folder_name(const std::string& scenario_path);

ScenarioResult run_scenario_file(const std::string& path, const RunOptions& options);
// Runs a scenario already parsed (the fuzzer's generated ones).
ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options);

// Runs `paths` (files, in order) with options.jobs workers; `on_result` is
// called once per file, in the files' order, never concurrently, as soon as a
// result and all before it are known.
std::vector<ScenarioResult> run_scenarios(
    const std::vector<std::string>& paths, const RunOptions& options,
    const std::function<void(const ScenarioResult&)>& on_result);

}  // namespace sim
