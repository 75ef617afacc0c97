#include "common/journal_body.h"

#include <algorithm>
#include <array>
#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sim {
namespace {

using nlohmann::json;

constexpr std::string_view kMasked = "[redacted]";

// Lever's and Justworks' secret-bearing names. In JSON `code` is also an
// error's code, so only a form's `code` (the OAuth authorization code) is masked.
constexpr std::array<std::string_view, 9> kSecretNames = {
    "access_token", "refresh_token", "client_secret",  "id_token",       "password",
    "token",        "signature",     "signatureToken", "signature_token"};

bool is_secret(std::string_view name, bool form) {
  if (form && name == "code") return true;
  return std::find(kSecretNames.begin(), kSecretNames.end(), name) != kSecretNames.end();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A form field's name as the server reads it ("c%6Fde" is "code").
std::string decoded_name(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '+') {
      out.push_back(' ');
    } else if (raw[i] == '%' && i + 2 < raw.size() && hex_digit(raw[i + 1]) >= 0 &&
               hex_digit(raw[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_digit(raw[i + 1]) * 16 + hex_digit(raw[i + 2])));
      i += 2;
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

void mask_json(json& value) {
  if (value.is_object()) {
    for (auto& [key, child] : value.items()) {
      if (is_secret(key, false) && !child.is_null()) {
        child = kMasked;
      } else {
        mask_json(child);
      }
    }
  } else if (value.is_array()) {
    for (auto& child : value) mask_json(child);
  }
}

// The length of the valid UTF-8 sequence at `at`, or 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t n = lead >= 0xF0 && lead <= 0xF4  ? 4
             : lead >= 0xE0                ? 3
             : lead >= 0xC2 && lead < 0xE0 ? 2
                                           : 0;
  if (n == 0 || at + n > s.size()) return 0;
  for (size_t i = 1; i < n; ++i)
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if (n == 3 && lead == 0xE0 && byte(at + 1) < 0xA0) return 0;
  if (n == 3 && lead == 0xED && byte(at + 1) >= 0xA0) return 0;
  if (n == 4 && lead == 0xF0 && byte(at + 1) < 0x90) return 0;
  if (n == 4 && lead == 0xF4 && byte(at + 1) >= 0x90) return 0;
  return n;
}

// At most `limit` bytes of `s`, never ending inside a character, with each
// byte that is not UTF-8 shown as U+FFFD: the journal is served as JSON.
std::string valid_utf8(std::string_view s, size_t limit) {
  std::string out;
  out.reserve(std::min(s.size(), limit));
  for (size_t at = 0; at < s.size();) {
    const size_t n = utf8_sequence(s, at);
    const std::string_view piece = n == 0 ? std::string_view("\xEF\xBF\xBD") : s.substr(at, n);
    if (out.size() + piece.size() > limit) break;
    out.append(piece);
    at += n == 0 ? 1 : n;
  }
  return out;
}

// A PDF or an image says what it is rather than showing its bytes.
bool is_binary(std::string_view content_type) {
  if (content_type.empty()) return false;
  for (std::string_view textual : {"text/", "json", "x-www-form-urlencoded", "xml", "javascript"})
    if (content_type.find(textual) != std::string_view::npos) return false;
  return true;
}

}  // namespace

std::string mask_form(std::string_view form) {
  std::string out;
  size_t start = 0;
  while (start < form.size()) {
    size_t end = form.find('&', start);
    if (end == std::string_view::npos) end = form.size();
    const std::string_view pair = form.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!out.empty()) out.push_back('&');
    if (eq != std::string_view::npos && is_secret(decoded_name(pair.substr(0, eq)), true)) {
      out.append(pair.substr(0, eq)).push_back('=');
      out.append(kMasked);
    } else {
      out.append(pair);
    }
    start = end + 1;
  }
  return out;
}

std::string journal_body(std::string_view body, std::string_view content_type) {
  if (is_binary(content_type))
    return valid_utf8(fmt::format("[{} bytes of {}, not shown]", body.size(), content_type), 200);
  std::string masked;
  if (content_type.find("x-www-form-urlencoded") != std::string_view::npos) {
    masked = mask_form(body);
  } else if (json doc = json::parse(body, nullptr, false);
             !doc.is_discarded() && doc.is_structured()) {
    // Parsed whatever the label says: a secret in a JSON body sent as text
    // is still a secret.
    mask_json(doc);
    masked = doc.dump(-1, ' ', false, json::error_handler_t::replace);
  } else {
    masked = std::string(body);
  }
  if (masked.size() <= kJournalBodyMax) return valid_utf8(masked, kJournalBodyMax);
  return valid_utf8(masked, kJournalBodyMax) +
         fmt::format("… [truncated: {} bytes in all]", masked.size());
}

}  // namespace sim
