#include "common/jsonc.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace sim {
namespace {

using nlohmann::json;

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

// A message quotes at most this much of the input: a 10,000-digit number or a
// megabyte-long key must not flood the terminal.
std::string cut(std::string text, size_t max = 80) {
  if (text.size() > max) text = text.substr(0, max - 3) + "...";
  return text;
}

// Why the parse stopped early, thrown from the callback below.
struct Refused {
  std::string what;
};

// Follows the parse as nlohmann reports it (depth, keys, values) to refuse
// what its parser accepts: nesting deeper than kMaxJsonDepth (its parser is
// iterative, but the value it builds is destroyed, copied and dumped
// recursively) and a duplicate key (it keeps the last one silently, so a
// scenario would mean something other than it reads).
class Watcher {
 public:
  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= kMaxJsonDepth)
          throw Refused{
              fmt::format("nested deeper than {} levels at {}", kMaxJsonDepth, cut(path()))};
        frames_.push_back({event == json::parse_event_t::object_start, {}, 0, {}});
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second)
          throw Refused{
              fmt::format("duplicate key \"{}\" in {}", cut(f.key, 40), cut(path(false)))};
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value:
        element_done();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::string key;  // objects: the current key
    size_t index;     // arrays: the current element
    std::set<std::string> keys;
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  // The JSON pointer of where the parse is, e.g. /steps/3/lever.hire.
  std::string path(bool with_last = true) const {
    std::string out;
    const size_t n = with_last || frames_.empty() ? frames_.size() : frames_.size() - 1;
    for (size_t i = 0; i < n; ++i)
      out += "/" + (frames_[i].object ? frames_[i].key : std::to_string(frames_[i].index));
    return out.empty() ? "/" : out;
  }

  std::vector<Frame> frames_;
};

}  // namespace

hiresync::Result<nlohmann::json> parse_jsonc(const std::string& text, const std::string& where) {
  auto refuse = [&](size_t offset, const std::string& what) {
    const auto [line, column] = line_and_column(text, offset);
    return hiresync::Status::InvalidArgument(
        fmt::format("{}:{}:{}: invalid JSON: {}", where, line, column, what));
  };
  // nlohmann's lexer reads a NUL as the end of the input, so whatever follows
  // one would be ignored without a word.
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    return refuse(nul, "a NUL byte (is this a binary file?)");
  try {
    return json::parse(text, Watcher(), /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Refused& r) {
    return hiresync::Status::InvalidArgument(fmt::format("{}: invalid JSON: {}", where, r.what));
  } catch (const json::parse_error& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] parse
    // error at line…"; keep only the part after the last ": " that says what.
    std::string what = e.what();
    const auto colon = what.rfind(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return refuse(e.byte > 0 ? e.byte - 1 : 0, cut(what, 160));
  } catch (const json::exception& e) {
    // out_of_range 406: a number beyond double range, e.g. 1e400. It carries
    // no position; its message quotes the number.
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return hiresync::Status::InvalidArgument(
        fmt::format("{}: invalid JSON: {}", where, cut(what, 160)));
  }
}

hiresync::Result<nlohmann::json> load_jsonc_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return hiresync::Status::NotFound(fmt::format("{}: cannot read the file", path));
  // Read in chunks, at most one byte past the cap, so /dev/zero or a growing
  // file stops. Not one buffer of the cap's size: zero-filling 32 MiB for
  // every scenario and world file was most of the suite's time.
  std::string text;
  char chunk[64 * 1024];
  while (text.size() <= kMaxJsonFileBytes && in) {
    const size_t want = std::min(sizeof chunk, kMaxJsonFileBytes + 1 - text.size());
    in.read(chunk, static_cast<std::streamsize>(want));
    text.append(chunk, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return hiresync::Status::NotFound(fmt::format("{}: cannot read the file", path));
  if (text.size() > kMaxJsonFileBytes)
    return hiresync::Status::InvalidArgument(
        fmt::format("{}: the file is larger than {} MiB; hiresim reads files up to {} MiB", path,
                    kMaxJsonFileBytes >> 20, kMaxJsonFileBytes >> 20));
  return parse_jsonc(text, path);
}

}  // namespace sim
