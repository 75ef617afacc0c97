// `hiresim repro PATH`: support's command. Imports a customer's Lever API
// responses, replays the state they show (connect, deliver what Lever sent,
// settle), shows what the core made of it, and can save a bundle —
// redacted — that `hiresim run` replays.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace sim::cli {

struct ReproArgs {
  std::string path;                        // a folder or one file of Lever responses
  std::optional<std::string> opportunity;  // --opportunity ID
  std::string steps_path;                  // --steps FILE
  bool redact = false;                     // --redact
  std::string save_path;                   // --save BUNDLE
  std::string json_path;                   // --json FILE
  std::string html_path;                   // --html FILE
};

void add_repro_command(CLI::App& app, ReproArgs& args, int& exit_code);

// Exit status as SPEC §7: 0 replayed (and, with --redact, reproduced), 1 a
// step failed or the redacted bundle shows another outcome, 2 bad input,
// 3 internal error.
int repro(const ReproArgs& args);

}  // namespace sim::cli
