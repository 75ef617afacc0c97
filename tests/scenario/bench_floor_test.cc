// hiresim bench's floor: the bare round trip it times and the requests it
// counts per scenario (sim/bench/round_trip_bench.h). Their sizes are the
// bench's to show; these check that they measure what they say.
#include <catch2/catch.hpp>

#include <string>

#include "bench/round_trip_bench.h"
#include "scenario/runner.h"
#include "scenario/sim_world.h"
#include "scenario/timed_http_client.h"

namespace sim {
namespace {

TEST_CASE("the bare round trip is timed over real requests", "[bench]") {
  auto f = bench::run_round_trip_bench(50);
  REQUIRE(f.ok());
  CHECK(f->requests == 50);
  CHECK(f->wall_us > 0);
  CHECK(f->cpu_us > 0);
}

TEST_CASE("every loopback request of a run is counted, the browser's to the core too", "[bench]") {
  size_t served_by_fakes = 0;
  RunOptions options;
  options.keep_transcripts = false;
  options.after_steps = [&](SimWorld& world, ScenarioResult&) {
    served_by_fakes = world.lever().journal().size() + world.lever().delivery_journal().size() +
                      world.justworks().journal().size();
  };
  const int64_t before = TimedHttpClient::sent();
  const ScenarioResult r = run_scenario_file(
      std::string(HIRESYNC_SOURCE_DIR) + "/scenarios/setup/help_article_happy_path.json", options);
  REQUIRE(r.outcome == ScenarioResult::Outcome::kPassed);
  const int64_t sent = TimedHttpClient::sent() - before;
  // Every request a fake journals, and the webhook deliveries, were sent
  // through a counted client; so were the browser's visits to the core's
  // pages, which no journal keeps.
  CHECK(served_by_fakes > 10);
  CHECK(sent > static_cast<int64_t>(served_by_fakes));
}

}  // namespace
}  // namespace sim
