// Session: one long-lived world behind `hiresim serve` — the SimWorld, the
// steps that succeeded in it (so it exports as a scenario, and a --data
// folder can rebuild it), and the event feed. Every access from the HTTP
// threads and the clock ticker goes through the session's one mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "scenario/sim_world.h"
#include "serve/event_feed.h"
#include "serve/world_arg.h"

namespace sim::serve {

struct SessionOptions {
  WorldChoice world;
  uint64_t seed = 1;
  // "" = nothing kept. Else the core's database (core.sqlite) and the step
  // log (session.json) live here; a new session over the folder replays the
  // log (see docs/decisions.md, "hiresim serve").
  std::string data_dir;
  // The key the core seals its secrets with (HIRESYNC_SECRETS_KEY); none =
  // the world's own, drawn from the seed.
  std::optional<hiresync::SecretsKey> secrets_key;
};

// An HTTP answer of the control API: a status and a JSON body.
struct Answer {
  int status = 200;
  nlohmann::json body;
};

class Session {
 public:
  // Builds the world, and with a data folder holding a session.json, replays
  // it. Errors name the world or the saved step that failed.
  static hiresync::Result<std::unique_ptr<Session>> open(SessionOptions options);
  ~Session();

  // POST /control/steps: `body` is one step or an array of steps, as in a
  // scenario file. Runs them in order up to the first that fails.
  Answer post_steps(const std::string& body);
  // GET /control/state. `tenant` picks whose records ("" = the first);
  // `journals` false leaves the three journals out (the inspector's polls).
  Answer state(const std::string& tenant, bool journals);
  // GET /control/scenario: the steps that succeeded, then the state now.
  nlohmann::json export_scenario();
  // POST /control/reset: a fresh world (`body` may name another world or seed).
  Answer reset(const std::string& body);
  // The real clock's tick: moves virtual time by `delta_ms`, firing timers.
  hiresync::Status follow_wall_clock(int64_t delta_ms);
  // Records what the world did since the last look into the feed: for what
  // no control step caused (a developer's own client calling a fake).
  void poll_events();

  EventFeed& events() { return feed_; }
  // The fakes' and the core's base URLs, for the banner and the inspector.
  nlohmann::json urls();

 private:
  explicit Session(SessionOptions options) : options_(std::move(options)) {}
  // REQUIRES: mu_ held, for all below.
  hiresync::Status build_world();
  hiresync::Status replay_saved_log();
  void log_step(const nlohmann::json& step);
  hiresync::Status save_log();
  nlohmann::json scenario_head() const;
  void collect_events();

  SessionOptions options_;
  std::mutex mu_;
  std::shared_ptr<const WorldSpec> spec_;  // the world as loaded
  std::unique_ptr<SimWorld> world_;
  std::vector<nlohmann::json> log_;  // each {"action": params}, as in a scenario
  bool last_is_tick_ = false;        // log_.back() is the real clock's clock.advance
  int64_t tick_ms_ = 0;              // its length so far
  EventFeed feed_;
};

}  // namespace sim::serve
