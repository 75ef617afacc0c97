#include "lever/rate_limit.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

namespace hiresync::lever {
namespace {

constexpr int64_t kRateLimitWaitMinMs = 1000;
constexpr int64_t kRateLimitWaitMaxMs = 3600 * 1000;
// Epoch seconds are ten digits today; anything below a year is a delay.
constexpr long long kEpochSecondsMin = 365LL * 24 * 3600;

// A header holding a whole number, or nullopt.
std::optional<long long> header_number(const HttpResponse& response, const char* name) {
  const std::string value = response.header(name);
  char* end = nullptr;
  const long long n = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || end == value.c_str() || *end != '\0') return std::nullopt;
  return n;
}

}  // namespace

int64_t retry_after_ms(const HttpResponse& response) {
  const std::string value = response.header("retry-after");
  char* end = nullptr;
  const long long seconds = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || end == value.c_str() || seconds <= 0) return 1000;
  return std::min<long long>(seconds, 3600) * 1000;
}

int64_t rate_limit_wait_ms(const HttpResponse& response, int64_t now_ms) {
  int64_t wait_ms = kRateLimitWaitMinMs;
  if (auto seconds = header_number(response, "retry-after")) {
    wait_ms = *seconds * 1000;
  } else if (auto reset = header_number(response, "x-ratelimit-reset")) {
    wait_ms = *reset >= kEpochSecondsMin ? *reset * 1000 - now_ms : *reset * 1000;
  }
  return std::clamp(wait_ms, kRateLimitWaitMinMs, kRateLimitWaitMaxMs);
}

}  // namespace hiresync::lever
