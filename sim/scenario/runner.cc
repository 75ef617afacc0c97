#include "scenario/runner.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "scenario/actions.h"
#include "scenario/expectations.h"
#include "scenario/scenario.h"
#include "scenario/sim_world.h"
#include "scenario/world_spec.h"

namespace sim {
namespace {

using Outcome = ScenarioResult::Outcome;

// A private folder for one scenario's files, removed when the run ends.
class WorkDir {
 public:
  WorkDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hiresim-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~WorkDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string journal_tail(const Journal& journal, size_t n) {
  const auto entries = journal.entries();
  std::string out;
  const size_t from = entries.size() > n ? entries.size() - n : 0;
  for (size_t i = from; i < entries.size(); ++i) {
    const auto& e = entries[i];
    out += fmt::format("      #{} {} {} → {}{}\n", e.seq, e.method, e.path, e.status,
                       e.note.empty() ? "" : " (" + e.note + ")");
  }
  return out.empty() ? "      (none)\n" : out;
}

std::string step_label(const Scenario& s, const Step& step) {
  return fmt::format("{}: step {} ({})", s.path, step.index, step.action);
}

std::string mismatch_report(const Scenario& s, const Step& step, const Mismatch& m, SimWorld& world) {
  std::string out = fmt::format("  {}\n    at {}\n    expected: {}\n    actual:   {}\n",
                                step_label(s, step), m.path, m.expected, m.actual);
  if (!m.detail.empty()) out += fmt::format("    ({})\n", m.detail);
  out += "    last Lever requests:\n" + journal_tail(world.lever().journal(), 5);
  out += "    last Justworks requests:\n" + journal_tail(world.justworks().journal(), 5);
  return out;
}

ScenarioResult finish(ScenarioResult r, Outcome outcome, std::string report) {
  r.outcome = outcome;
  r.report = std::move(report);
  return r;
}

ScenarioResult run_loaded(const Scenario& s, const RunOptions& options, ScenarioResult r) {
  auto spec = resolve_world(s.world, s.path);
  if (!spec.ok()) return finish(r, Outcome::kInvalid, "  " + spec.status().message());

  WorkDir dir;
  if (dir.path().empty()) return finish(r, Outcome::kError, "  cannot create a temporary folder");
  auto world = SimWorld::create(*spec, options.seed.value_or(s.seed), dir.path());
  if (!world.ok()) {
    const bool bad_input = world.status().code() == hiresync::Status::Code::kInvalidArgument;
    return finish(r, bad_input ? Outcome::kInvalid : Outcome::kError, "  " + world.status().message());
  }

  StepContext ctx{**world, std::nullopt};
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const Step& step = s.steps[i];
    if (step.is_expectation()) {
      auto mismatch = check_expectation(ctx, step);
      if (!mismatch.ok())
        return finish(r, Outcome::kInvalid,
                      fmt::format("  {}: {}", step_label(s, step), mismatch.status().message()));
      if (*mismatch) return finish(r, Outcome::kFailed, mismatch_report(s, step, **mismatch, **world));
      continue;
    }
    auto outcome = run_action(ctx, step);
    if (!outcome.ok()) {
      const bool bad_input = outcome.status().code() == hiresync::Status::Code::kInvalidArgument;
      return finish(r, bad_input ? Outcome::kInvalid : Outcome::kError,
                    fmt::format("  {}: {}", step_label(s, step), outcome.status().message()));
    }
    ctx.last_action = *outcome;
    const bool next_expects_error = i + 1 < s.steps.size() && s.steps[i + 1].action == "expect.error";
    if (outcome->failed && !next_expects_error) {
      std::string why = outcome->status ? fmt::format("{} ({})", outcome->message, outcome->status)
                                        : outcome->message;
      return finish(r, Outcome::kFailed,
                    fmt::format("  {}\n    the action failed: {}\n    (follow it with expect.error "
                                "if that is what the scenario means)\n",
                                step_label(s, step), why));
    }
  }
  return finish(r, Outcome::kPassed, "");
}

}  // namespace

ScenarioResult run_scenario_file(const std::string& path, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ScenarioResult r;
  r.path = path;
  auto scenario = load_scenario(path);
  if (!scenario.ok()) {
    r = finish(r, Outcome::kInvalid, "  " + scenario.status().message());
  } else {
    r.name = scenario->name;
    r = run_loaded(*scenario, options, r);
  }
  r.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started).count();
  return r;
}

std::vector<ScenarioResult> run_scenarios(const std::vector<std::string>& paths,
                                          const RunOptions& options,
                                          const std::function<void(const ScenarioResult&)>& on_result) {
  std::vector<ScenarioResult> results(paths.size());
  std::vector<bool> done(paths.size(), false);
  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t reported = 0;

  auto worker = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      ScenarioResult r = run_scenario_file(paths[i], options);
      std::lock_guard lock(mu);
      results[i] = std::move(r);
      done[i] = true;
      // Report in file order, as soon as a prefix is complete.
      while (reported < paths.size() && done[reported]) on_result(results[reported++]);
    }
  };
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(paths.size())));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace sim
