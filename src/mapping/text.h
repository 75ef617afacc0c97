// Text helpers the mapping rules share: UTF-8 aware whitespace handling, a
// simple case fold for matching names across systems, and quoting of Lever
// values inside note sentences. Pure functions; no locale, no allocation tricks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hiresync::mapping {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past
// U+10FFFF) with no control characters (U+0000..U+001F, U+007F..U+009F) other
// than whitespace. JSON serialisation rejects bad UTF-8 and Justworks rejects
// control characters (422), so a Lever value that isn't clean is dropped with
// a note instead of being copied into the pending hire.
bool is_clean_text(std::string_view s);

// The words of `s`, split on Unicode whitespace (ASCII whitespace, U+0085,
// U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and
// on the invisible U+200B and U+FEFF that copy-paste leaves behind.
std::vector<std::string> split_words(std::string_view s);

// `s` trimmed of that whitespace, inner runs collapsed to one ASCII space.
std::string normalize_space(std::string_view s);

// Lower-cases A-Z and the upper-case letters of Latin-1, Latin Extended-A,
// Greek and Cyrillic; every other character is kept as is. Enough to match
// "ENGINEERING", "Engineering" or "ÉQUIPE" against Justworks' spelling.
std::string fold_case(std::string_view s);

// normalize_space + fold_case equality: how Lever and Justworks names are matched.
bool same_name(std::string_view a, std::string_view b);

// `s` quoted for a note: 'value', whitespace normalised, bytes that are not
// UTF-8 shown as U+FFFD and anything past 60 characters cut with "…", so a
// note is always printable and short.
std::string quote(std::string_view s);

}  // namespace hiresync::mapping
