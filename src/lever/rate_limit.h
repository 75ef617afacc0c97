// Lever's rate limit (10 requests/s per key; a 429 with Retry-After, or with
// X-RateLimit-* headers only, or neither — the fake's `rate_limit_headers`
// switch): how long a 429 asks the caller to wait.
#pragma once

#include <cstdint>

#include "ports/http_client.h"

namespace hiresync::lever {

// The Retry-After of a 429 in ms: its seconds, 1 s when absent or
// unreadable, at most an hour.
int64_t retry_after_ms(const HttpResponse& response);

// The Data API's 429: Retry-After's seconds; else X-RateLimit-Reset (epoch
// seconds, counted from `now_ms`, or a delay when under a year); else 1 s.
// Never under 1 s nor over an hour.
int64_t rate_limit_wait_ms(const HttpResponse& response, int64_t now_ms);

}  // namespace hiresync::lever
