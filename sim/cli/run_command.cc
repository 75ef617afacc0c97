#include "cli/run_command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "adapters/secrets_key.h"
#include "cli/html_report.h"
#include "cli/reports.h"
#include "cli/set_option.h"
#include "cli/shard.h"
#include "explain/explain.h"
#include "scenario/scenario.h"

namespace sim::cli {
namespace {

using Outcome = ScenarioResult::Outcome;

struct Style {
  bool progress = false;  // a live "[done/total]" line on a terminal
  bool color = false;
};

Style detect_style() {
  const bool terminal = isatty(STDOUT_FILENO) == 1;
  const bool ci = std::getenv("CI") != nullptr;
  const bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
  return {terminal && !ci, terminal && !ci && !no_color};
}

std::string label(Outcome o, const Style& style) {
  const char* word = o == Outcome::kPassed    ? "PASS "
                     : o == Outcome::kFailed  ? "FAIL "
                     : o == Outcome::kInvalid ? "BAD  "
                                              : "ERROR";
  if (!style.color) return word;
  return fmt::format("\033[{}m{}\033[0m", o == Outcome::kPassed ? "32" : "31;1", word);
}

bool selected(const std::string& path, const std::string& filter) {
  if (filter.empty() || path.find(filter) != std::string::npos) return true;
  auto s = load_scenario(path);
  return s.ok() && s->name.find(filter) != std::string::npos;
}

// Every output destination, checked before the first scenario runs: a run
// of many minutes must not end in "cannot write the report".
hiresync::Status check_destinations(const RunArgs& args, const std::vector<std::string>& files) {
  for (const auto& [flag, path] :
       {std::pair{"--junit", args.junit_path}, std::pair{"--json", args.json_path},
        std::pair{"--html", args.html_path}}) {
    if (path.empty()) continue;
    if (auto s = check_report_destination(flag, path); !s.ok()) return s;
  }
  if (args.options.keep_dir.empty()) return hiresync::Status::Ok();
  namespace fs = std::filesystem;
  const std::string& dir = args.options.keep_dir;
  auto bad = [&](const std::string& why) {
    return hiresync::Status::InvalidArgument(fmt::format("--keep {}: {}", dir, why));
  };
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) return bad("exists and is not a folder");
  fs::create_directories(dir, ec);
  if (ec) return bad(fmt::format("cannot make the folder: {}", ec.message()));
  if (access(dir.c_str(), W_OK | X_OK) != 0) return bad(std::strerror(errno));
  // A scenario's folder that is already there must be a folder of its own,
  // never a symlink: --keep writes nothing through one.
  for (const auto& file : files) {
    const fs::path folder = fs::path(dir) / keep_folder_name(file);
    const fs::file_status st = fs::symlink_status(folder, ec);
    if (fs::is_symlink(st))
      return bad(fmt::format("{} is a symlink; --keep never writes through one: remove it",
                             folder.string()));
    if (fs::exists(st) && !fs::is_directory(st))
      return bad(fmt::format("{} exists and is not a folder", folder.string()));
  }
  return hiresync::Status::Ok();
}

// --seed takes any 64-bit number; CLI11 would take 99999999999999999999 as
// the largest one without a word.
std::string check_seed(const std::string& text) {
  uint64_t seed = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (err != std::errc() || end != text.data() + text.size())
    return fmt::format("--seed {}: write a whole number from 0 to {}", text.substr(0, 40),
                       UINT64_MAX);
  return "";
}

}  // namespace

void add_run_command(CLI::App& app, RunArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("run", "Replay scenarios, each in a fresh, isolated world");
  cmd->add_option("paths", args.paths, "Scenario files or folders (default: scenarios/)");
  cmd->add_option("--filter", args.options.filter,
                  "Only scenarios whose path or name contains TEXT");
  cmd->add_option("--jobs,-j", args.options.jobs,
                  "Scenarios run at once (default: the machine's cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--shard", args.shard,
                  "Run only shard K of N (K/N), a stable split for CI matrices");
  cmd->add_option("--workers", args.options.core_workers,
                  "Threads running the core's hires (default 1; more is not byte-deterministic)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--seed", args.seed, "Seed every scenario with N instead of its own seed")
      ->check(CLI::Validator(check_seed, "N"));
  cmd->add_option("--junit", args.junit_path, "Write a JUnit XML report to FILE");
  cmd->add_option("--json", args.json_path,
                  "Write every scenario's steps, results and journals to FILE");
  cmd->add_option("--html", args.html_path,
                  "Write a self-contained HTML page with each scenario's timeline to FILE");
  cmd->add_option("--set", args.sets,
                  "lever.KEY=VALUE: a Lever switch for every world that does not set it "
                  "(docs/scenarios.md, Lever's switches); repeatable");
  cmd->add_option("--keep", args.options.keep_dir,
                  "Keep each scenario's database, journals and transcript under DIR");
  args.options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  cmd->callback([&args, &exit_code] { exit_code = run(args); });
}

int run(const RunArgs& args) {
  RunOptions options = args.options;
  options.seed = args.seed;
  options.keep_transcripts = !args.json_path.empty() || !args.html_path.empty();
  options.explain = true;  // for the reports, and the summary of a scenario without expectations
  auto key = hiresync::secrets_key_from_environment();
  if (!key.ok()) {
    fmt::print(stderr, "hiresim run: {}\n", key.status().message());
    return kBadInput;
  }
  options.secrets_key = *key;
  auto settings = parse_set_options(args.sets);
  if (!settings.ok()) {
    fmt::print(stderr, "hiresim run: {}\n", settings.status().message());
    return kBadInput;
  }
  options.lever_settings = std::move(*settings);
  Shard shard;
  if (!args.shard.empty()) {
    auto parsed = parse_shard(args.shard);
    if (!parsed.ok()) {
      fmt::print(stderr, "hiresim run: {}\n", parsed.status().message());
      return kBadInput;
    }
    shard = *parsed;
  }
  const auto roots = args.paths.empty() ? std::vector<std::string>{"scenarios/"} : args.paths;
  std::vector<std::string> files;
  for (const auto& root : roots) {
    auto found = find_scenario_files(root);
    if (!found.ok()) {
      fmt::print(stderr, "hiresim run: {}\n", found.status().message());
      return kBadInput;
    }
    for (auto& f : *found) {
      if (in_shard(root, f, shard) && selected(f, options.filter)) files.push_back(std::move(f));
    }
  }
  if (files.empty()) {
    fmt::print("0 passed, 0 failed\n");
    fmt::print(stderr, "hiresim run: no scenario matched\n");
    return kBadInput;
  }

  if (auto s = check_destinations(args, files); !s.ok()) {
    fmt::print(stderr, "hiresim run: {}\n", s.message());
    return kBadInput;
  }

  const Style style = detect_style();
  size_t passed = 0, failed = 0;
  int exit_code = kAllPassed;
  auto results = run_scenarios(files, options, [&](const ScenarioResult& r) {
    if (style.progress) fmt::print("\r\033[K");
    std::fflush(stdout);  // the warnings, on stderr, come before the scenario's line
    for (const std::string& w : r.warnings) fmt::print(stderr, "warning: {}\n", w);
    const std::string title = r.name.empty() ? "" : " — " + r.name;
    fmt::print("{} {}{} ({} ms)\n", label(r.outcome, style), r.path, title, r.wall_ms);
    if (!r.report.empty()) fmt::print("{}\n", r.report);
    // Nothing was asserted: say what happened instead of a bare PASS.
    if (!r.has_expectations && !r.explanation.is_null()) {
      fmt::print("{}\n", explanation_text(r.explanation, style.color));
    }
    if (r.outcome == Outcome::kPassed) {
      ++passed;
    } else {
      ++failed;
      const int code = r.outcome == Outcome::kFailed    ? kExpectationFailed
                       : r.outcome == Outcome::kInvalid ? kBadInput
                                                        : kInternalError;
      exit_code = std::max(exit_code, code);
    }
    if (style.progress)
      fmt::print("[{}/{}] {} failed so far", passed + failed, files.size(), failed);
    std::fflush(stdout);
  });
  if (style.progress) fmt::print("\r\033[K");

  for (const auto& [path, writer] :
       {std::pair{args.junit_path, &write_junit}, std::pair{args.json_path, &write_json},
        std::pair{args.html_path, &write_html}}) {
    if (path.empty()) continue;
    if (auto s = writer(results, path); !s.ok()) {
      fmt::print(stderr, "hiresim run: {}\n", s.message());
      exit_code = std::max(exit_code, static_cast<int>(kInternalError));
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  return exit_code;
}

}  // namespace sim::cli
