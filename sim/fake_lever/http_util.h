// Small HTTP helpers for the fake Lever: URL coding, query/form parsing, the
// reply a handler returns, and Lever's error bodies.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim::lever {

// What a handler answers; the dispatcher turns it into the HTTP response and
// a journal entry.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string note;  // short and secret-free, for the journal
};

// Lever's Data API error: {"code","message"}.
Reply api_error(int status, const std::string& code, const std::string& message);
// The OAuth server's (Auth0's) error: {"error","error_description"}.
Reply oauth_error(int status, const std::string& error, const std::string& description);
Reply json_reply(int status, const nlohmann::json& body, std::string note = {});
// `{"data": <dump>}` around an already serialized object.
Reply data_reply(int status, const std::string& dumped_object);

std::string url_decode(std::string_view s, bool plus_is_space);
std::string url_encode(std::string_view s);

// Parses `a=1&b=2` (a query or a form body) into name → values.
using Params = std::multimap<std::string, std::string>;
Params parse_params(std::string_view text);
// The single value of `name`; "" when absent.
std::string param(const Params& params, const std::string& name);

// "http://host:port/p?q" → {"http://host:port", "/p?q"}; false if not http(s).
bool split_url(const std::string& url, std::string& base, std::string& target);

// Epoch ms of 00:00 UTC on a "YYYY-MM-DD" date; false if not a valid date.
bool parse_date_ms(const std::string& text, int64_t& out_ms);

bool iequals(std::string_view a, std::string_view b);

// The non-empty pieces of `text` between `delimiter`s: a path's segments,
// a space-separated scope list, comma-separated expand values.
std::vector<std::string> split_nonempty(std::string_view text, char delimiter);

}  // namespace sim::lever
