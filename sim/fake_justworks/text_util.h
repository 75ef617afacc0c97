// Small text helpers of the fake Justworks: case folding, the syntax of
// emails and dates, ISO-8601 times, URL decoding and HTML escaping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim::justworks {

std::string to_lower_ascii(std::string_view text);
// ASCII case-insensitive equality: emails, department and office names.
bool iequals(std::string_view a, std::string_view b);

// Non-empty, no leading or trailing whitespace, no control characters: a
// value a person typed into one line of a form. Empty or padded strings are
// placeholders, and SPEC §5 says an absent value is null instead.
bool is_clean_line(std::string_view text);

// One '@' with text before it, a dot inside the domain (not at either end),
// no whitespace or control characters, at most 254 characters. Deliberately
// loose, as real forms are; docs/justworks-api.md states the same rule.
bool looks_like_email(std::string_view text);

// A real calendar date written YYYY-MM-DD.
bool is_calendar_date(std::string_view text);

// "2026-11-02T14:00:00Z" for milliseconds since the Unix epoch (UTC).
std::string iso_utc(int64_t epoch_ms);

// Decodes %XX escapes (and '+' as a space in form bodies); a malformed
// escape is kept literally rather than refused.
std::string percent_decode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=2" into decoded pairs, in order; empty segments are skipped.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query,
                                                             bool plus_is_space);

}  // namespace sim::justworks
