#include "common/jsonc.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace sim {
namespace {

// Line and column (1-based) of a byte offset, for error messages.
std::pair<size_t, size_t> line_and_column(const std::string& text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

hiresync::Result<nlohmann::json> parse_jsonc(const std::string& text, const std::string& where) {
  try {
    return nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/true,
                                 /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
    // nlohmann's message starts with "[json.exception.parse_error.101] parse
    // error at line…"; keep only the part after the last ": " that says what.
    std::string what = e.what();
    const auto cut = what.rfind(": ");
    if (cut != std::string::npos) what = what.substr(cut + 2);
    return hiresync::Status::InvalidArgument(
        fmt::format("{}:{}:{}: invalid JSON: {}", where, line, column, what));
  }
}

hiresync::Result<nlohmann::json> load_jsonc_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return hiresync::Status::NotFound(fmt::format("{}: cannot read the file", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_jsonc(buffer.str(), path);
}

}  // namespace sim
