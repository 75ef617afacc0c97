// Lever's rate limit (reference lever-api.md: 10 requests/s per key, 429 with
// Retry-After): how long a 429 asks the caller to wait.
#pragma once

#include <cstdint>

#include "ports/http_client.h"

namespace hiresync::lever {

// The Retry-After of a 429 in ms: its seconds, 1 s when absent or
// unreadable, at most an hour.
int64_t retry_after_ms(const HttpResponse& response);

}  // namespace hiresync::lever
