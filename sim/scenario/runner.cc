#include "scenario/runner.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "common/phase_clock.h"
#include "explain/explain.h"
#include "scenario/actions.h"
#include "scenario/expectations.h"
#include "scenario/scenario.h"
#include "scenario/sim_world.h"
#include "scenario/step_report.h"
#include "scenario/world_spec.h"

namespace sim {
namespace {

namespace fs = std::filesystem;
using Outcome = ScenarioResult::Outcome;
using nlohmann::json;

// One scenario's run: the steps in order, recording each into the transcript.
class ScenarioRun {
 public:
  ScenarioRun(const Scenario& s, const RunOptions& options, ScenarioResult& r)
      : s_(s),
        options_(options),
        r_(r),
        transcript_wanted_(options.keep_transcripts || !options.keep_dir.empty()) {}

  void run() {
    r_.seed = options_.seed.value_or(s_.seed);
    if (transcript_wanted_) {
      r_.transcript["seed"] = r_.seed;
      r_.transcript["steps"] = json::array();
    }
    auto spec = [&] {
      PhaseScope reading(Phase::kFiles);
      return resolve_world(s_.world, s_.path);
    }();
    if (!spec.ok()) return fail(Outcome::kInvalid, "  " + spec.status().message());
    r_.warnings = (*spec)->warnings;
    if (transcript_wanted_ && !(*spec)->warnings.empty())
      r_.transcript["world_warnings"] = (*spec)->warnings;
    auto world = [&] {
      PhaseScope building(Phase::kWorldBuild);
      WorldOptions world_options;
      world_options.secrets_key = options_.secrets_key;
      world_options.lever_settings = options_.lever_settings;
      world_options.core_workers = options_.core_workers;
      return SimWorld::create(**spec, r_.seed, world_options);
    }();
    if (!world.ok()) return fail(code_outcome(world.status()), "  " + world.status().message());
    world_ = world->get();
    run_steps();
    explain();
    if (options_.after_steps) options_.after_steps(*world_, r_);
    record_final_state();
    name_the_servers();
    if (!options_.keep_dir.empty()) keep();
    PhaseScope stopping(Phase::kServers);
    world_ = nullptr;
    world->reset();
  }

 private:
  static Outcome code_outcome(const hiresync::Status& s) {
    return s.code() == hiresync::Status::Code::kInvalidArgument ? Outcome::kInvalid
                                                                : Outcome::kError;
  }

  void fail(Outcome outcome, std::string report, size_t step = 0) {
    r_.outcome = outcome;
    r_.report = std::move(report);
    r_.failed_step = step;
  }

  std::string label(const Step& step) const {
    return fmt::format("{}: step {} ({})", s_.path, step.index, step.action);
  }

  void record_step(const Step& step, const std::string& result, const std::string& message) {
    if (!transcript_wanted_) return;
    // How many requests each fake had seen when the step ended: the HTML
    // timeline puts each request under the step that caused it.
    json entry = {{"index", step.index},
                  {"action", step.action},
                  {"params", step.params},
                  {"time_ms", world_->clock().now_ms()},
                  {"result", result},
                  {"lever_requests_after", world_->lever().journal().size()},
                  {"deliveries_after", world_->lever().delivery_journal().size()},
                  {"justworks_requests_after", world_->justworks().journal().size()}};
    if (!message.empty()) entry["message"] = message;
    r_.transcript["steps"].push_back(std::move(entry));
  }

  void run_steps() {
    StepContext ctx{*world_, std::nullopt};
    for (size_t i = 0; i < s_.steps.size(); ++i) {
      const Step& step = s_.steps[i];
      if (step.is_expectation()) {
        if (!check(ctx, step)) return;
        continue;
      }
      auto outcome = run_action(ctx, step);
      if (!outcome.ok()) {
        record_step(step, "error", outcome.status().message());
        return fail(code_outcome(outcome.status()),
                    fmt::format("  {}: {}", label(step), outcome.status().message()), step.index);
      }
      ctx.last_action = *outcome;
      record_step(step, outcome->failed ? "refused" : "ok", outcome->message);
      const bool next_expects_error =
          i + 1 < s_.steps.size() && s_.steps[i + 1].action == "expect.error";
      if (outcome->failed && !next_expects_error) {
        return fail(Outcome::kFailed, refused_action_report(label(step), *outcome), step.index);
      }
    }
  }

  bool check(StepContext& ctx, const Step& step) {
    auto mismatch = check_expectation(ctx, step);
    if (!mismatch.ok()) {
      record_step(step, "invalid", mismatch.status().message());
      fail(Outcome::kInvalid, fmt::format("  {}: {}", label(step), mismatch.status().message()),
           step.index);
      return false;
    }
    if (!*mismatch) {
      record_step(step, "ok", "");
      return true;
    }
    const Mismatch& m = **mismatch;
    std::string report = mismatch_report(label(step), m, *world_);
    record_step(step, "mismatch",
                fmt::format("at {}: expected {}, actual {}", m.path, m.expected, m.actual));
    fail(Outcome::kFailed, std::move(report), step.index);
    return false;
  }

  void explain() {
    r_.has_expectations = std::any_of(s_.steps.begin(), s_.steps.end(),
                                      [](const Step& step) { return step.is_expectation(); });
    if (!options_.explain || (!transcript_wanted_ && r_.has_expectations)) return;
    r_.explanation = explain_run(*world_);
    if (transcript_wanted_) r_.transcript["explanation"] = r_.explanation;
  }

  void record_final_state() {
    r_.issued_secrets = world_->issued_secrets();
    if (!transcript_wanted_) return;
    json& t = r_.transcript;
    t["lever_journal"] = world_->lever().journal().to_json();
    t["delivery_journal"] = world_->lever().delivery_journal().to_json();
    t["justworks_journal"] = world_->justworks().journal().to_json();
    t["fault_journal"] = world_->core().faults().journal().to_json();
    json pending = json::object(), emails = json::object();
    for (const auto& [name, tenant] : world_->tenants()) {
      pending[name] = world_->justworks().pending_hires(tenant.company_id);
      emails[name] = world_->justworks().emails(tenant.company_id);
    }
    t["pending_hires"] = std::move(pending);
    t["emails"] = std::move(emails);
    t["core_log"] = world_->core().log().lines();
  }

  // The report and transcript name the servers (scenario/server_names.h).
  void name_the_servers() {
    const ServerNames names = world_->server_names();
    name_servers(r_.report, names);
    if (transcript_wanted_) name_servers(r_.transcript, names);
  }

  // --keep: the database and the transcript, in a folder named after the
  // file. A keep that fails fails the scenario: its user asked for the files.
  void keep() {
    if (auto s = keep_into(fs::path(options_.keep_dir) / keep_folder_name(s_.path)); !s.ok()) {
      r_.outcome = Outcome::kError;
      r_.report += "  --keep: " + s.message() + "\n";
    }
  }

  // Nothing is written through a symlink planted in the keep folder: the
  // scenario's folder must be a real one, and each file is written to a
  // fresh temp file (mkstemp: O_EXCL, mode 0600, the database holds tokens)
  // and renamed over its name, which replaces a link instead of following it.
  hiresync::Status keep_into(const fs::path& out) {
    std::error_code ec;
    fs::create_directories(out.parent_path(),
                           ec);  // `hiresim run` made it; a library caller may not
    fs::create_directory(out, ec);
    if (ec) return hiresync::Status::Unavailable(fmt::format("{}: {}", out.string(), ec.message()));
    if (fs::symlink_status(out, ec).type() != fs::file_type::directory)
      return hiresync::Status::Unavailable(
          fmt::format("{} is not a folder of its own (a symlink?); nothing kept", out.string()));
    auto fresh = [&](const std::string& name) -> hiresync::Result<std::string> {
      std::string temp = (out / (name + ".XXXXXX")).string();
      const int fd = mkstemp(temp.data());
      if (fd < 0)
        return hiresync::Status::Unavailable(fmt::format("{}: {}", temp, std::strerror(errno)));
      close(fd);
      return temp;
    };
    auto publish = [&](const std::string& temp, const std::string& name) -> hiresync::Status {
      if (std::rename(temp.c_str(), (out / name).c_str()) == 0) return hiresync::Status::Ok();
      const int err = errno;
      fs::remove(temp, ec);
      return hiresync::Status::Unavailable(
          fmt::format("{}: {}", (out / name).string(), std::strerror(err)));
    };
    auto database = fresh("core.sqlite");
    if (!database.ok()) return database.status();
    if (auto s = world_->core().save_database(*database, world_->server_names()); !s.ok()) {
      fs::remove(*database, ec);
      return s;
    }
    if (auto s = publish(*database, "core.sqlite"); !s.ok()) return s;
    auto transcript = fresh("transcript.json");
    if (!transcript.ok()) return transcript.status();
    {
      std::ofstream file(*transcript, std::ios::binary | std::ios::trunc);
      file << r_.transcript.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
      file.close();
      if (!file) {
        fs::remove(*transcript, ec);
        return hiresync::Status::Unavailable(fmt::format("{}: cannot write", *transcript));
      }
    }
    return publish(*transcript, "transcript.json");
  }

  const Scenario& s_;
  const RunOptions& options_;
  ScenarioResult& r_;
  // Read only by --json, --html and --keep; without them it is not built.
  const bool transcript_wanted_;
  SimWorld* world_ = nullptr;  // owned by run()
};

}  // namespace

std::string keep_folder_name(const std::string& scenario_path) {
  std::string name;
  for (char c : scenario_path) {
    if (c == '/')
      name += "%2F";
    else if (c == '\\')
      name += "%5C";
    else if (c == '%')
      name += "%25";
    else
      name += c;
  }
  return name;
}

ScenarioResult run_scenario_file(const std::string& path, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ScenarioResult r;
  r.path = path;
  auto scenario = [&] {
    PhaseScope reading(Phase::kFiles);
    return load_scenario(path);
  }();
  if (!scenario.ok()) {
    r.outcome = Outcome::kInvalid;
    r.report = "  " + scenario.status().message();
  } else {
    r.name = scenario->name;
    r.covers = scenario->covers;
    ScenarioRun(*scenario, options, r).run();
  }
  r.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
  return r;
}

ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ScenarioResult r;
  r.path = scenario.path;
  r.name = scenario.name;
  r.covers = scenario.covers;
  ScenarioRun(scenario, options, r).run();
  r.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
  return r;
}

std::vector<ScenarioResult> run_scenarios(
    const std::vector<std::string>& paths, const RunOptions& options,
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
      while (reported < paths.size() && done[reported]) {
        on_result(results[reported]);
        if (!options.keep_transcripts) results[reported].transcript = json();
        ++reported;
      }
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
