#include "sync/backoff.h"

#include <catch2/catch.hpp>

namespace hiresync {
namespace {

TEST_CASE("backoff doubles from 1 s, caps at 64 s, and adds under a quarter of jitter",
          "[backoff]") {
  auto [attempt, base_ms] = GENERATE(table<int, int64_t>({
      {1, 1000},
      {2, 2000},
      {3, 4000},
      {4, 8000},
      {5, 16000},
      {6, 32000},
      {7, 64000},
      {8, 64000},
      {20, 64000},
      {1000, 64000},
  }));
  CAPTURE(attempt);
  SeededRandom random(42);
  for (int draw = 0; draw < 50; ++draw) {
    const int64_t wait_ms = next_backoff_ms(attempt, random);
    REQUIRE(wait_ms >= base_ms);
    REQUIRE(wait_ms < base_ms + base_ms / 4);
  }
}

TEST_CASE("backoff with the same seed gives the same schedule", "[backoff]") {
  SeededRandom a(7), b(7);
  for (int attempt = 1; attempt <= 8; ++attempt) {
    CAPTURE(attempt);
    CHECK(next_backoff_ms(attempt, a) == next_backoff_ms(attempt, b));
  }
}

TEST_CASE("eight attempts end within five minutes of virtual time", "[backoff]") {
  SeededRandom random(1);
  int64_t total_ms = 0;
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt)
    total_ms += next_backoff_ms(attempt, random);
  CHECK(total_ms < 5 * 60 * 1000);
}

}  // namespace
}  // namespace hiresync
