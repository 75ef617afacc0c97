// The fault vocabulary's counting rules (times, after, clear), the
// decorator's answers, and the fuzzer's shrinker and determinism.
#include <catch2/catch.hpp>

#include "common/virtual_clock.h"
#include "fuzz/history.h"
#include "fuzz/shrink.h"
#include "scenario/faults.h"

using sim::FaultPlan;
using sim::HttpFault;
using sim::HttpFaultKind;

namespace {

// Answers 201 and counts what reached it: the fake behind the decorator.
class CountingClient final : public hiresync::HttpClient {
 public:
  hiresync::Result<hiresync::HttpResponse> send(const std::string&,
                                                const hiresync::HttpRequest&) override {
    ++reached;
    return hiresync::HttpResponse{201, {}, "{}"};
  }
  int reached = 0;
};

HttpFault fault(HttpFaultKind kind, int times, int after) {
  return HttpFault{"justworks", "POST /internal/v1/pending_hires", kind, 503, 1, times, after};
}

}  // namespace

TEST_CASE("a fault lets `after` matching requests through, then hits `times` of them") {
  FaultPlan plan;
  plan.add(fault(HttpFaultKind::kStatus, 2, 1));
  std::vector<bool> hit;
  for (int i = 0; i < 5; ++i)
    hit.push_back(plan.on_request("justworks", "POST", "/internal/v1/pending_hires").has_value());
  CHECK(hit == std::vector<bool>{false, true, true, false, false});
  CHECK_FALSE(plan.on_request("lever", "POST", "/internal/v1/pending_hires"));     // another target
  CHECK_FALSE(plan.on_request("justworks", "GET", "/internal/v1/pending_hires"));  // another method
}

TEST_CASE("clear disarms a target's faults and leaves the others'") {
  FaultPlan plan;
  plan.add(fault(HttpFaultKind::kStatus, 5, 0));
  plan.add(sim::CrashFault{"after_create", 1, 0});
  plan.clear("justworks");
  CHECK_FALSE(plan.on_request("justworks", "POST", "/internal/v1/pending_hires"));
  CHECK(plan.on_crash_point("after_create"));
  CHECK_FALSE(plan.on_crash_point("after_create"));  // times: 1
}

TEST_CASE("the decorator: a status never reaches the fake, a drop does and loses the answer") {
  sim::VirtualClock clock;
  CountingClient fake;
  FaultPlan plan;
  sim::FaultyHttpClient http(fake, plan, clock);
  http.set_target("http://127.0.0.1:1", "justworks");
  const hiresync::HttpRequest create{"POST", "/internal/v1/pending_hires?x=1", {}, "{}"};

  plan.add(HttpFault{"justworks", "POST /internal/v1/pending_hires", HttpFaultKind::kStatus, 429,
                     30, 1, 0});
  auto limited = http.send("http://127.0.0.1:1", create);
  REQUIRE(limited.ok());
  CHECK(limited->status == 429);
  CHECK(limited->header("retry-after") == "30");
  CHECK(fake.reached == 0);

  plan.add(fault(HttpFaultKind::kDrop, 1, 0));
  auto dropped = http.send("http://127.0.0.1:1", create);
  CHECK_FALSE(dropped.ok());
  CHECK(dropped.status().code() == hiresync::Status::Code::kUnavailable);
  CHECK(fake.reached == 1);

  CHECK(http.send("http://127.0.0.1:1", create).ok());  // faults used up
  CHECK(http.send("http://127.0.0.1:2", create).ok());  // not a target: untouched
  CHECK(plan.journal().entries().size() == 2);
}

TEST_CASE("the shrinker keeps the fewest elements that still fail") {
  const std::vector<int> all = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto needs_3_and_8 = [](const std::vector<int>& v) {
    return std::count(v.begin(), v.end(), 3) && std::count(v.begin(), v.end(), 8);
  };
  CHECK(sim::fuzz::shrink<int>(all, needs_3_and_8) == std::vector<int>{3, 8});
}

TEST_CASE("a seed always draws the same history, and another seed another one") {
  CHECK(sim::fuzz::generate_history(42) == sim::fuzz::generate_history(42));
  CHECK(sim::fuzz::generate_history(42) != sim::fuzz::generate_history(43));
}

TEST_CASE("hires before a revoke with no time passing are promised nothing either way") {
  using nlohmann::json;
  sim::fuzz::History h = {
      {json{{"justworks.finish_setup", json::object()}},
       json{{"lever.webhook.enable", json::object()}}},
      {json{{"lever.hire", {{"opportunity", "opp-jane"}}}}},
      {json{{"lever.revoke", json::object()}}},
      {json{{"lever.hire", {{"opportunity", "opp-omar"}}}}},
      {json{{"settle", json::object()}}},
  };
  const auto p = sim::fuzz::promise_of(h);
  CHECK_FALSE(p.synced.count("opp-jane"));
  CHECK_FALSE(p.unsynced.count("opp-jane"));
  CHECK(p.unsynced.count("opp-omar"));  // hired while revoked
}
