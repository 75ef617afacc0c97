// Rough performance checks, hidden from the default run: `core_tests "[.bench]"`.
// They time the core alone (scripted HTTP, a SQLite file), not the loopback network.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "test_support.h"

namespace hiresync {
namespace {

using Clock = std::chrono::steady_clock;

TEST_CASE("bench: receiver ack latency and worker throughput on a SQLite file", "[.bench]") {
  const auto path = std::filesystem::temp_directory_path() / "hiresync-core-bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  {
    testing::World w(path.string());
    w.connect();
    constexpr int kHires = 5000;
    testing::script_happy_hire(w.http);
    // Every opportunity answers like opp-1, without a linear scan of per-hire rules.
    const std::string opportunity = testing::lever_opportunity("opp-1").dump();
    const std::string offers = testing::lever_offers().dump();
    w.http.handler = [&](const std::string& path) -> std::optional<testing::Canned> {
      if (path.rfind("/v1/opportunities/", 0) != 0) return std::nullopt;
      const bool is_offers = path.size() > 7 && path.compare(path.size() - 7, 7, "/offers") == 0;
      return testing::Canned(200, is_offers ? offers : opportunity);
    };
    w.http.sent.reserve(kHires * 16);

    std::vector<double> ack_us;
    ack_us.reserve(kHires);
    for (int i = 0; i < kHires; ++i) {
      const std::string body = w.hired("tok-" + std::to_string(i), "opp-" + std::to_string(i));
      const auto t0 = Clock::now();
      auto reply = w.core->receive_webhook("conn-acme", body);
      ack_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      REQUIRE(reply.status == 200);
    }
    std::sort(ack_us.begin(), ack_us.end());
    const auto t0 = Clock::now();
    const int ran = w.core->run_due();
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    std::cout << "ack p50 " << ack_us[kHires / 2] << " us, p99 " << ack_us[kHires * 99 / 100]
              << " us; worker " << ran / seconds << " hires/s (scripted HTTP)\n";
    CHECK(ran == kHires);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace hiresync
