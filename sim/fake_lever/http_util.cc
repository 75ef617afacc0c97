// Small HTTP helpers for the fake Lever (see http_util.h).
#include "fake_lever/http_util.h"

#include <cctype>
#include <charconv>

namespace sim::lever {

using json = nlohmann::json;

Reply api_error(int status, const std::string& code, const std::string& message) {
  Reply r = json_reply(status, json{{"code", code}, {"message", message}});
  r.note = code;
  return r;
}

Reply oauth_error(int status, const std::string& error, const std::string& description) {
  Reply r = json_reply(status, json{{"error", error}, {"error_description", description}});
  r.note = error;
  return r;
}

Reply json_reply(int status, const json& body, std::string note) {
  Reply r;
  r.status = status;
  r.body = body.dump();
  r.note = std::move(note);
  return r;
}

Reply data_reply(int status, const std::string& dumped_object) {
  Reply r;
  r.status = status;
  r.body.reserve(dumped_object.size() + 10);
  r.body.append("{\"data\":").append(dumped_object).append("}");
  return r;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && s[i] == '+' ? ' ' : s[i]);
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Params parse_params(std::string_view text) {
  Params out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view pair = text.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      const std::string_view name = pair.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      out.emplace(url_decode(name, true), url_decode(value, true));
    }
    start = end + 1;
  }
  return out;
}

std::string param(const Params& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

bool split_url(const std::string& url, std::string& base, std::string& target) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const size_t host_start = scheme_end + 3;
  size_t path_start = url.find_first_of("/?#", host_start);
  if (path_start == std::string::npos) path_start = url.size();
  if (path_start == host_start) return false;  // no host
  base = url.substr(0, path_start);
  target = url.substr(path_start);
  if (target.empty() || target[0] != '/') target = "/" + target;
  const size_t hash = target.find('#');
  if (hash != std::string::npos) target.resize(hash);
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool parse_date_ms(const std::string& text, int64_t& out_ms) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](size_t pos, size_t len, auto& v) {
    auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, v);
    return ec == std::errc() && p == text.data() + pos + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return false;
  out_ms = days_from_civil(y, m, d) * 86400000LL;
  return true;
}

std::vector<std::string> split_nonempty(std::string_view text, char delimiter) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(delimiter, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) pieces.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace sim::lever
