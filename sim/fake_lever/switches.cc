#include "fake_lever/switches.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace sim::lever {
namespace {

using hiresync::Status;

template <typename E>
struct Choice {
  const char* word;
  E value;
};

constexpr Choice<RetryToken> kRetryToken[] = {{"reuse", RetryToken::kReuse},
                                              {"mint", RetryToken::kMint}};
constexpr Choice<RefreshReuse> kRefreshReuse[] = {{"revoke_family", RefreshReuse::kRevokeFamily},
                                                  {"allow", RefreshReuse::kAllow}};
constexpr Choice<RateLimitHeaders> kRateLimitHeaders[] = {
    {"retry_after", RateLimitHeaders::kRetryAfter},
    {"x_ratelimit", RateLimitHeaders::kXRateLimit},
    {"none", RateLimitHeaders::kNone}};
constexpr Choice<HireEvents> kHireEvents[] = {
    {"archive_change_then_hired", HireEvents::kArchiveChangeThenHired},
    {"hired_then_archive_change", HireEvents::kHiredThenArchiveChange},
    {"hired_only", HireEvents::kHiredOnly},
    {"archive_change_only", HireEvents::kArchiveChangeOnly}};

// The longest grace window taken: a day (Auth0 allows up to a month, but a
// window longer than the access token's hour already makes rotation moot).
constexpr int64_t kGraceMaxS = 24 * 3600;

template <typename E, size_t N>
Status pick(const Choice<E> (&choices)[N], const std::string& key, const nlohmann::json& value,
            E& out) {
  std::vector<std::string> words;
  for (const auto& c : choices) {
    if (value.is_string() && value.get_ref<const std::string&>() == c.word) {
      out = c.value;
      return Status::Ok();
    }
    words.push_back(c.word);
  }
  return Status::InvalidArgument(fmt::format("{}: {} is not one of: {}", key,
                                             value.dump().substr(0, 60), fmt::join(words, ", ")));
}

}  // namespace

const std::vector<std::string>& switch_names() {
  static const std::vector<std::string> kNames = {"retry_token", "refresh_reuse", "refresh_grace_s",
                                                  "rate_limit_headers", "hire_events"};
  return kNames;
}

bool is_switch(const std::string& key) {
  const auto& names = switch_names();
  return std::find(names.begin(), names.end(), key) != names.end();
}

Status apply_switch(LeverSwitches& s, const std::string& key, const nlohmann::json& value) {
  if (key == "retry_token") return pick(kRetryToken, key, value, s.retry_token);
  if (key == "refresh_reuse") return pick(kRefreshReuse, key, value, s.refresh_reuse);
  if (key == "rate_limit_headers") return pick(kRateLimitHeaders, key, value, s.rate_limit_headers);
  if (key == "hire_events") return pick(kHireEvents, key, value, s.hire_events);
  if (key == "refresh_grace_s") {
    if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
        value.get<int64_t>() > kGraceMaxS) {
      return Status::InvalidArgument(
          fmt::format("{}: {} is not a whole number of seconds from 0 to {}", key,
                      value.dump().substr(0, 60), kGraceMaxS));
    }
    s.refresh_grace_ms = value.get<int64_t>() * 1000;
    return Status::Ok();
  }
  return Status::InvalidArgument(fmt::format("unknown Lever switch '{}' (switches: {})", key,
                                             fmt::join(switch_names(), ", ")));
}

Status apply_switch_text(LeverSwitches& s, const std::string& key, const std::string& text) {
  if (key != "refresh_grace_s") return apply_switch(s, key, nlohmann::json(text));
  int64_t seconds = -1;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (err != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(
        fmt::format("{}: '{}' is not a whole number of seconds", key, text.substr(0, 60)));
  }
  return apply_switch(s, key, nlohmann::json(seconds));
}

std::vector<std::pair<std::string, std::string>> rate_limit_headers(RateLimitHeaders style,
                                                                    int retry_after_s,
                                                                    int64_t reset_at_ms,
                                                                    int limit) {
  switch (style) {
    case RateLimitHeaders::kRetryAfter:
      return {{"Retry-After", std::to_string(retry_after_s)}};
    case RateLimitHeaders::kXRateLimit:
      return {{"X-RateLimit-Limit", std::to_string(limit)},
              {"X-RateLimit-Remaining", "0"},
              {"X-RateLimit-Reset", std::to_string((reset_at_ms + 999) / 1000)}};
    case RateLimitHeaders::kNone:
      break;
  }
  return {};
}

}  // namespace sim::lever
