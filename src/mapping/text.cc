#include "mapping/text.h"

#include <cstdint>

namespace hiresync::mapping {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// One step of UTF-8 decoding: the code point at s[i] and its length in bytes.
// A malformed sequence decodes as one invalid byte so callers can skip it.
struct CodePoint {
  char32_t value = 0;
  size_t length = 1;
  bool valid = false;
};

CodePoint decode_at(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1, true};
  size_t length;
  char32_t value;
  char32_t min_value;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, min_value = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, min_value = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, min_value = 0x10000;
  } else {
    return {};
  }
  if (i + length > s.size()) return {};
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (value < min_value || value > 0x10FFFF || surrogate) return {};
  return {value, length, true};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_space(const CodePoint& cp) {
  if (!cp.valid) return false;
  const char32_t c = cp.value;
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// Simple (one-to-one) lower-casing for the scripts listed in the header.
char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // À..Þ except ×
  if (c == 0x130) return 'i';                              // İ
  if (c == 0x178) return 0xFF;                             // Ÿ
  const bool even_upper =
      (c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
  if (even_upper && c % 2 == 0) return c + 1;
  const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if (odd_upper && c % 2 == 1) return c + 1;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek capitals
  if (c == 0x3C2) return 0x3C3;                               // final sigma folds to sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 80;                // Cyrillic Ѐ..Џ
  return c;
}

}  // namespace

bool is_clean_text(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_at(s, i);
    if (!cp.valid) return false;
    const bool control = cp.value < 0x20 || (cp.value >= 0x7F && cp.value <= 0x9F);
    if (control && !is_space(cp)) return false;
    i += cp.length;
  }
  return true;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_at(s, i);
    if (is_space(cp)) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.append(s.substr(i, cp.length));
    }
    i += cp.length;
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string normalize_space(std::string_view s) {
  std::string out;
  for (const std::string& word : split_words(s)) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_at(s, i);
    if (cp.valid) {
      append_utf8(out, lower(cp.value));
    } else {
      out += s[i];  // kept byte for byte: folding must not make two different values equal
    }
    i += cp.length;
  }
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  return fold_case(normalize_space(a)) == fold_case(normalize_space(b));
}

std::string quote(std::string_view s) {
  constexpr size_t kMaxChars = 60;
  const std::string spaced = normalize_space(s);
  std::string out = "'";
  size_t chars = 0;
  for (size_t i = 0; i < spaced.size(); ++chars) {
    if (chars == kMaxChars) {
      out += "…";
      break;
    }
    const CodePoint cp = decode_at(spaced, i);
    const bool control = cp.valid && (cp.value < 0x20 || cp.value == 0x7F);
    append_utf8(out, cp.valid && !control ? cp.value : kReplacement);
    i += cp.length;
  }
  out += "'";
  return out;
}

}  // namespace hiresync::mapping
