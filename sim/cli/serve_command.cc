#include "cli/serve_command.h"

#include <csignal>
#include <cstdio>

#include <fmt/format.h>

#include "adapters/http_server.h"
#include "adapters/secrets_key.h"
#include "cli/run_command.h"
#include "serve/control_routes.h"
#include "serve/session.h"
#include "serve/ticker.h"

namespace sim::cli {
namespace {

// How often the journals are looked at for what no control step caused, and
// how often the real clock moves virtual time.
constexpr auto kTickPeriod = std::chrono::milliseconds(200);

}  // namespace

void add_serve_command(CLI::App& app, ServeArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Keep the fakes and the core up, with a control API and a web inspector");
  cmd->add_option("--world", args.world,
                  "A fixture name, a world file, or a scenario/repro bundle whose world to load "
                  "(default: acme)");
  cmd->add_option("--port", args.port,
                  "The inspector's and control API's port (default 0: the OS picks)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option(
      "--listen", args.listen,
      "The address the inspector binds (default 127.0.0.1; the fakes stay on loopback)");
  cmd->add_option("--data", args.data_dir,
                  "Keep the core's database and the session's step log in DIR; a restart resumes");
  cmd->add_option("--clock", args.clock,
                  "manual: time moves only when told; real: with the wall clock")
      ->check(CLI::IsMember({"manual", "real"}));
  cmd->add_option("--seed", args.seed, "The world's seed (default: a bundle's own, else 1)");
  cmd->callback([&args, &exit_code] { exit_code = serve(args); });
}

int serve(const ServeArgs& args) {
  // Blocked before any thread starts, so every thread inherits the mask and
  // the signals wait for sigwait() below instead of killing the process.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto world = serve::choose_world(args.world);
  if (!world.ok()) {
    fmt::print(stderr, "hiresim serve: {}\n", world.status().message());
    return kBadInput;
  }
  auto key = hiresync::secrets_key_from_environment();
  if (!key.ok()) {
    fmt::print(stderr, "hiresim serve: {}\n", key.status().message());
    return kBadInput;
  }
  serve::SessionOptions options{*world, args.seed.value_or(world->seed.value_or(1)), args.data_dir,
                                *key};
  auto session = serve::Session::open(std::move(options));
  if (!session.ok()) {
    fmt::print(stderr, "hiresim serve: {}\n", session.status().message());
    return session.status().code() == hiresync::Status::Code::kInvalidArgument ||
                   session.status().code() == hiresync::Status::Code::kNotFound
               ? kBadInput
               : kInternalError;
  }
  serve::Session& s = **session;

  hiresync::LoopbackServer server;
  serve::mount_control_routes(server.routes(), s);
  if (auto st = server.start(args.listen, args.port); !st.ok()) {
    fmt::print(stderr, "hiresim serve: --listen {} --port {}: {}\n", args.listen, args.port,
               st.message());
    return kBadInput;
  }
  const auto urls = s.urls();
  // A wildcard address answers on loopback too; a specific one only there.
  const bool wildcard =
      args.listen == "0.0.0.0" || args.listen == "::" || args.listen == "127.0.0.1";
  fmt::print("http://{}:{}/\n", wildcard ? "127.0.0.1" : args.listen, server.port());
  fmt::print("fake Lever:     {}\n", urls.value("lever", ""));
  fmt::print("fake Justworks: {}\n", urls.value("justworks", ""));
  fmt::print("core:           {}\n", urls.value("core", ""));
  const auto& app = urls["developer_app"];
  fmt::print("your OAuth app: client_id {} client_secret {} redirect_uri {}\n",
             app.value("client_id", ""), app.value("client_secret", ""),
             app.value("redirect_uri", ""));
  if (args.listen != "127.0.0.1")
    fmt::print("inspector and control API also on {}:{} (no authentication)\n", args.listen,
               server.port());
  fmt::print("clock: {}; Ctrl-C stops\n", args.clock);
  std::fflush(stdout);

  {
    serve::WallElapsed wall;
    const bool real = args.clock == "real";
    serve::Ticker ticker(kTickPeriod, [&] {
      if (!real) return s.poll_events();
      if (auto st = s.follow_wall_clock(wall.take()); !st.ok())
        fmt::print(stderr, "hiresim serve: the real clock: {}\n", st.message());
      s.poll_events();
    });
    int signal = 0;
    sigwait(&stop_signals, &signal);
    fmt::print(stderr, "hiresim serve: {}: stopping\n",
               signal == SIGINT ? "interrupted" : "terminated");
  }
  // Wake the event streams first: the server stops once its connections end.
  s.events().close();
  server.stop();
  return kAllPassed;
}

}  // namespace sim::cli
