// What a journal keeps of a request's or an answer's body: the text with
// every secret masked (TOKEN-2), cut at kJournalBodyMax bytes, valid UTF-8.
// Only `hiresim serve` keeps bodies (Journal::keep_bodies); its inspector
// shows them when a timeline entry is opened.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sim {

inline constexpr size_t kJournalBodyMax = 16 * 1024;

// `content_type` picks the masking: JSON bodies lose the values of secret
// keys (access_token, refresh_token, client_secret, token, signature,
// signatureToken, …), form bodies the values of secret fields (those and
// `code`, the OAuth authorization code); any other body is kept as text.
// A body over kJournalBodyMax ends in "… [truncated: N bytes in all]".
std::string journal_body(std::string_view body, std::string_view content_type);

// A query string or form body with the values of secret fields replaced by
// "[redacted]"; everything else as it came.
std::string mask_form(std::string_view form);

}  // namespace sim
