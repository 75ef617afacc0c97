// `hiresim serve`: keeps a fake Lever, a fake Justworks and the core up on
// loopback, driven by a control API and a live web inspector, until Ctrl-C.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace sim::cli {

struct ServeArgs {
  std::string world = "acme";  // a fixture name, a world file or a scenario/repro bundle
  int port = 0;                // the inspector's; 0: the OS picks
  std::string listen = "127.0.0.1";
  std::string data_dir;
  std::string clock = "manual";  // manual | real
  std::optional<uint64_t> seed;
};

void add_serve_command(CLI::App& app, ServeArgs& args, int& exit_code);

int serve(const ServeArgs& args);

}  // namespace sim::cli
