#include "common/duration.h"

#include <cctype>

#include <fmt/format.h>

namespace sim {

hiresync::Result<int64_t> parse_duration_ms(const std::string& text) {
  auto bad = [&] {
    return hiresync::Status::InvalidArgument(fmt::format(
        "'{}' is not a duration: write a number and a unit (ms, s, m, h, d), e.g. \"90m\"", text));
  };
  if (text.empty()) return bad();
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad();
    int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i++] - '0');
      if (n > 1'000'000'000) return bad();  // far beyond any sensible scenario
    }
    std::string unit;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) unit += text[i++];
    int64_t scale = 0;
    if (unit == "ms")
      scale = 1;
    else if (unit == "s")
      scale = 1000;
    else if (unit == "m")
      scale = 60'000;
    else if (unit == "h")
      scale = 3'600'000;
    else if (unit == "d")
      scale = 86'400'000;
    else
      return bad();
    total += n * scale;
    if (total > kMaxDurationMs)
      return hiresync::Status::InvalidArgument(
          fmt::format("'{}' is longer than {} days, the longest wait a scenario can ask for",
                      text.substr(0, 40), kMaxDurationMs / 86'400'000));
  }
  return total;
}

}  // namespace sim
