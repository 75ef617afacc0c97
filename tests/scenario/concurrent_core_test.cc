// Issue 20: the core with several workers, through the real fakes. What one
// worker guarantees by running hires one at a time must hold when eight run
// them at once: every hire exactly once, HIRE-5's possible_duplicate flag on
// the later of two hires of one person, and one token refresh when every
// worker finds the access token expired at the same moment.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "scenario/acme_candidates.h"

namespace sim {
namespace {

using nlohmann::json;

constexpr int kWorkers = 8;
constexpr int kPairs = 20;    // two opportunities of one Lever contact each
constexpr int kSingles = 40;  // one opportunity each
constexpr int kHires = 2 * kPairs + kSingles;

std::string opportunity(int i) { return fmt::format("opp-many-{:03}", i); }

// Acme plus kHires candidates with signed offers; opportunities 2k and 2k+1
// (k < kPairs) are the same person, applying twice.
std::unique_ptr<SimWorld> connected_world(int workers) {
  std::vector<ExtraCandidate> extra;
  for (int i = 0; i < kHires; ++i) {
    const int person = i < 2 * kPairs ? i / 2 : i;
    extra.push_back({opportunity(i), fmt::format("Many Candidate{}", person),
                     fmt::format("c-many-{}", person), fmt::format("many{}@example.com", person)});
  }
  auto spec = acme_with(extra);
  REQUIRE(spec.ok());
  WorldOptions options;
  options.core_workers = workers;
  options.lever_knobs.rate_limit_burst = 0;  // the concurrency, not Lever's 429s
  auto created = SimWorld::create(*spec, 7, options);
  REQUIRE(created.ok());
  std::unique_ptr<SimWorld> world = std::move(*created);
  REQUIRE(connect_acme(*world).ok());
  return world;
}

// Every pending hire of the many candidates got the same emails (one per
// admin holding Manage employees), each once.
void check_emails(SimWorld& world, const std::string& company) {
  std::map<std::string, int> per_link;
  std::set<std::string> sent;
  for (const json& e : world.justworks().emails(company)) {
    const std::string to = e["to"], link = e["link"];
    CHECK(sent.insert(to + " " + link).second);
    ++per_link[link];
  }
  std::set<int> counts;
  for (const json& p : world.justworks().pending_hires(company)) {
    if (p.value("lever_opportunity_id", "").rfind("opp-many-", 0) != 0) continue;
    const std::string id = p["id"];
    int n = 0;
    for (const auto& [link, count] : per_link)
      if (link.size() >= id.size() && link.compare(link.size() - id.size(), id.size(), id) == 0)
        n += count;
    counts.insert(n);
  }
  CHECK(counts.size() == 1);
  CHECK(*counts.begin() >= 1);
}

// Hires every candidate, delivers, and runs the core until nothing is due.
void hire_everyone(SimWorld& world) {
  const std::string account = world.tenants().begin()->first;
  for (int i = 0; i < kHires; ++i) REQUIRE(world.lever().hire(account, opportunity(i), "").ok());
  world.lever().deliver_due();
  for (int round = 0; round < 100; ++round) {
    auto due = world.core().core().next_due_ms();
    if (!due || *due > world.clock().now_ms()) break;
    world.core().core().run_due();
  }
}

size_t requests_to(SimWorld& world, const std::string& method, const std::string& path,
                   size_t from) {
  const auto entries = world.lever().journal().entries();
  size_t n = 0;
  for (size_t i = from; i < entries.size(); ++i)
    n += entries[i].method == method && entries[i].path == path;
  return n;
}

TEST_CASE("eight workers make every hire exactly once and flag the later hire of one person",
          "[concurrency]") {
  auto world = connected_world(kWorkers);
  hire_everyone(*world);
  const std::string company = world->tenants().begin()->second.company_id;

  const json pending = world->justworks().pending_hires(company);
  std::map<std::string, json> by_opportunity;
  for (const json& p : pending) {
    const std::string opp = p.value("lever_opportunity_id", "");
    if (opp.rfind("opp-many-", 0) != 0) continue;
    CHECK(by_opportunity.count(opp) == 0);  // one pending hire per opportunity
    by_opportunity[opp] = p;
  }
  REQUIRE(by_opportunity.size() == static_cast<size_t>(kHires));
  auto flagged = [&](int i) {
    const json& flags = by_opportunity.at(opportunity(i)).at("flags");
    return std::find(flags.begin(), flags.end(), "possible_duplicate") != flags.end();
  };
  // Whichever of a person's two hires Justworks got second is flagged.
  for (int k = 0; k < kPairs; ++k) {
    INFO("person " << k);
    CHECK(flagged(2 * k) + flagged(2 * k + 1) == 1);
  }
  for (int i = 2 * kPairs; i < kHires; ++i) CHECK_FALSE(flagged(i));
  check_emails(*world, company);
}

TEST_CASE("eight workers that find the access token expired together refresh it once",
          "[concurrency]") {
  auto world = connected_world(kWorkers);
  world->clock().advance_by(2 * 3600 * 1000);  // past the hour Lever's token lives
  const size_t before = world->lever().journal().entries().size();
  hire_everyone(*world);

  // A second refresh would present a refresh token Lever already rotated.
  CHECK(requests_to(*world, "POST", "/oauth/token", before) == 1);
  const std::string company = world->tenants().begin()->second.company_id;
  CHECK(world->justworks().pending_hires(company).size() >= static_cast<size_t>(kHires));
  check_emails(*world, company);
}

}  // namespace
}  // namespace sim
