// SimWorld: one scenario's isolated world — a virtual clock, a fake Lever, a
// fake Justworks and the real core, each on its own loopback port, with a
// fresh database in the scenario's own folder. Drives time: settle() runs
// every due webhook delivery and core job, jumping the clock from timer to
// timer until nothing is left.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "adapters/httplib_client.h"
#include "common/virtual_clock.h"
#include "fake_justworks/fake_justworks.h"
#include "fake_lever/fake_lever.h"
#include "scenario/core_host.h"
#include "scenario/server_names.h"
#include "scenario/timed_http_client.h"
#include "scenario/world_spec.h"

namespace sim {

struct Tenant {
  std::string name;           // the Lever account id in the fake
  std::string company_id;     // the Justworks company id
  std::string authorize_url;  // from the last justworks.setup
};

// How a world is built, beyond its spec and seed: the runner uses the
// defaults; `hiresim bench` puts the core on a WAL file and lifts Lever's
// rate limit to measure the core itself.
struct WorldOptions {
  std::string database_file;  // "" = the core's database in memory
  // The key the core's store seals its secrets with; none = one drawn from
  // the world's seed.
  std::optional<hiresync::SecretsKey> secrets_key;
  // The three servers' read, write and idle timeouts (a test's short ones).
  hiresync::ServerTimeouts server_timeouts;
  lever::LeverKnobs lever_knobs;
  // Lever switches for each account whose world does not set them (its
  // lever.settings wins): `hiresim run --set`.
  nlohmann::json lever_settings = nlohmann::json::object();
  // Keep the answers the core's mapping read, for the explanation of a run
  // (sim/explain/); off in hiresim bench, where they would only cost memory.
  bool record_core_reads = true;
  // The fakes' journals keep request and answer bodies (masked, cut): for
  // `hiresim serve`'s inspector; off elsewhere, where they would only cost.
  bool journal_bodies = false;
  // Threads running the core's due hires (CoreConfig::workers): 1, the
  // default, keeps a run deterministic; more is `fuzz --workers` and bench.
  int core_workers = 1;
};

class SimWorld {
 public:
  static hiresync::Result<std::unique_ptr<SimWorld>> create(const WorldSpec& spec, uint64_t seed,
                                                            const WorldOptions& options = {});
  ~SimWorld();

  VirtualClock& clock() { return clock_; }
  lever::FakeLever& lever() { return *lever_; }
  justworks::FakeJustworks& justworks() { return *justworks_; }
  CoreHost& core() { return *core_; }
  // Each server's base URL and the fixed name reports give it.
  ServerNames server_names() {
    return {{justworks_->base_url(), "http://justworks.sim"},
            {lever_->base_url(), "http://lever.sim"},
            {core_->base_url(), "http://core.sim"}};
  }
  // The HTTP client a person's browser would be: it follows redirects by hand.
  hiresync::HttpClient& browser() { return timed_browser_; }

  // The tenant a step names, or the only one. Errors when ambiguous or unknown.
  hiresync::Result<Tenant*> tenant(const std::optional<std::string>& name);
  const std::map<std::string, Tenant>& tenants() const { return tenants_; }

  // Runs what is due now, then jumps to the next timer, until none is left or
  // `horizon_ms` of virtual time has passed (then Conflict, naming what is
  // still due: something keeps rescheduling itself, or waits longer).
  hiresync::Status settle(int64_t horizon_ms);
  // Moves the clock forward by `delta_ms`, running each timer at its time.
  hiresync::Status advance(int64_t delta_ms);

  // The OAuth app the core connects as (Lever's Authorized Apps lists it).
  const std::string& app_client_id() const { return client_id_; }

  // Every secret issued during the run (TOKEN-2).
  std::vector<std::string> issued_secrets() const;

 private:
  SimWorld() = default;
  // Runs everything due at the current time, until nothing more is.
  hiresync::Status run_due_now();
  std::optional<int64_t> next_timer_ms();
  hiresync::Status still_due(int64_t horizon_ms);

  VirtualClock clock_;
  hiresync::HttplibClient lever_outbound_;  // Lever's webhook sender
  hiresync::HttplibClient browser_;
  TimedHttpClient timed_lever_outbound_{lever_outbound_};
  TimedHttpClient timed_browser_{browser_};
  std::unique_ptr<lever::FakeLever> lever_;
  std::unique_ptr<justworks::FakeJustworks> justworks_;
  std::unique_ptr<CoreHost> core_;
  std::map<std::string, Tenant> tenants_;
  std::string client_id_;
  std::string client_secret_;
};

}  // namespace sim
