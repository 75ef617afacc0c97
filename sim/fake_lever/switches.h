// Lever behaviour that Lever does not document, as per-account switches
// (docs/fidelity-lever-switches.md): a world sets them under
// lever.settings, `lever.set` under /settings/..., and `hiresim run --set
// lever.KEY=VALUE` supplies them to worlds that do not. The scenario suite
// runs under every value the rules depend on (the lever_matrix_* ctests).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim::lever {

// What a retry or a Rerun of a webhook delivery carries.
enum class RetryToken {
  kReuse,  // the first attempt's exact bytes: same token, triggeredAt, signature
  kMint,   // a fresh token and triggeredAt, signed anew; the event `id` stays
};

// What presenting an already rotated refresh token does, past the grace window.
enum class RefreshReuse {
  kRevokeFamily,  // Auth0's rotation: every token of that consent dies
  kAllow,         // only that request is refused (invalid_grant)
};

// Which headers a 429 answer carries.
enum class RateLimitHeaders {
  kRetryAfter,  // Retry-After: seconds
  kXRateLimit,  // X-RateLimit-Limit / -Remaining / -Reset (epoch seconds) only
  kNone,        // neither
};

// The headers of a 429 under `style`, in Lever's spelling: Retry-After says
// `retry_after_s`; X-RateLimit-Reset says the epoch second by which the
// caller may try again (`reset_at_ms`, rounded up: GitHub's convention, as
// Lever documents no header), beside the bucket's `limit` and none remaining.
// The fake's own bucket and a scenario's injected 429 both answer with them.
std::vector<std::pair<std::string, std::string>> rate_limit_headers(RateLimitHeaders style,
                                                                    int retry_after_s,
                                                                    int64_t reset_at_ms, int limit);

// The webhook events one hire sends, in order.
enum class HireEvents {
  kArchiveChangeThenHired,
  kHiredThenArchiveChange,
  kHiredOnly,
  kArchiveChangeOnly,
};

struct LeverSwitches {
  RetryToken retry_token = RetryToken::kReuse;
  RefreshReuse refresh_reuse = RefreshReuse::kRevokeFamily;
  int64_t refresh_grace_ms = 0;  // a rotated refresh token still works this long
  RateLimitHeaders rate_limit_headers = RateLimitHeaders::kRetryAfter;
  HireEvents hire_events = HireEvents::kArchiveChangeThenHired;
};

// The switch names, in the order the docs list them.
const std::vector<std::string>& switch_names();
bool is_switch(const std::string& key);

// Sets `key` from a world's JSON value (a string, or seconds for
// refresh_grace_s). InvalidArgument names the key and the values it takes.
hiresync::Status apply_switch(LeverSwitches& switches, const std::string& key,
                              const nlohmann::json& value);
// The same from a command line's text ("mint", "30").
hiresync::Status apply_switch_text(LeverSwitches& switches, const std::string& key,
                                   const std::string& text);

}  // namespace sim::lever
