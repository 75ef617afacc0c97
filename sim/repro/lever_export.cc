#include "repro/lever_export.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "common/json_pointer.h"
#include "common/jsonc.h"

namespace sim::repro {
namespace {

namespace fs = std::filesystem;
using hiresync::Status;
using nlohmann::json;

// Fields Lever may expand from an id into the object (?expand=…), by the
// kind of the object holding them, and the kind of what they hold.
struct Expandable {
  LeverKind holder;
  const char* field;
  LeverKind kind;
};
constexpr Expandable kExpandable[] = {
    {LeverKind::kOpportunity, "applications", LeverKind::kApplication},
    {LeverKind::kOpportunity, "owner", LeverKind::kUser},
    {LeverKind::kOpportunity, "sourcedBy", LeverKind::kUser},
    {LeverKind::kOpportunity, "followers", LeverKind::kUser},
    {LeverKind::kOpportunity, "stage", LeverKind::kStage},
    {LeverKind::kOpportunity, "contact", LeverKind::kContact},
    {LeverKind::kOffer, "creator", LeverKind::kUser},
    {LeverKind::kPosting, "user", LeverKind::kUser},
    {LeverKind::kPosting, "owner", LeverKind::kUser},
    {LeverKind::kPosting, "hiringManager", LeverKind::kUser},
    {LeverKind::kPosting, "followers", LeverKind::kUser},
    {LeverKind::kApplication, "posting", LeverKind::kPosting},
    {LeverKind::kApplication, "user", LeverKind::kUser},
    {LeverKind::kApplication, "postingOwner", LeverKind::kUser},
    {LeverKind::kApplication, "postingHiringManager", LeverKind::kUser},
};

class Reader {
 public:
  explicit Reader(LeverExport& out) : out_(out) {}

  Status read_file(const fs::path& file, const std::string& shown) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::InvalidArgument(shown + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    auto doc = parse_jsonc(text.str(), shown);
    if (!doc.ok()) return Status::InvalidArgument(doc.status().message() + " (not JSON)");
    return read_response(*doc, shown, kind_hint(file.filename().string()));
  }

 private:
  Status bad(const std::string& file, const std::string& pointer, const std::string& why) {
    return Status::InvalidArgument(
        fmt::format("{}: {}: {}", file, pointer.empty() ? "/" : pointer, why));
  }

  Status read_response(const json& doc, const std::string& file, std::optional<LeverKind> hint) {
    if (doc.is_array()) return read_list(doc, file, "", hint);
    if (!doc.is_object())
      return bad(file, "", "expected a Lever API response (an object or an array)");
    if (doc.contains("data")) {
      const json& data = doc["data"];
      if (data.is_array()) return read_list(data, file, "/data", hint);
      if (data.is_object()) return read_object(data, file, "/data", hint);
      return bad(file, "/data", "expected an object or an array of Lever objects");
    }
    if (doc.contains("code") && doc.contains("message") && !doc.contains("id"))
      return bad(file, "",
                 fmt::format("a Lever error response ({}: {}), not data", doc["code"].dump(),
                             doc["message"].dump()));
    if (doc.contains("justworks") && doc["justworks"].is_object())
      return take_justworks(doc["justworks"], file);
    if (!doc.contains("id") && (doc.contains("company") || doc.contains("members")))
      return take_justworks(doc, file);
    return read_object(doc, file, "", hint);
  }

  Status take_justworks(const json& side, const std::string& file) {
    if (out_.justworks)
      return bad(file, "",
                 fmt::format("a second Justworks side (the first is {})", out_.justworks_file));
    out_.justworks = side;
    out_.justworks_file = file;
    return Status::Ok();
  }

  Status read_list(const json& list, const std::string& file, const std::string& pointer,
                   std::optional<LeverKind> hint) {
    for (size_t i = 0; i < list.size(); ++i) {
      Status s = read_object(list[i], file, fmt::format("{}/{}", pointer, i), hint);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status read_object(const json& obj, const std::string& file, const std::string& pointer,
                     std::optional<LeverKind> hint) {
    const KindDecision decided = decide_kind(obj, hint);
    if (!decided.kind) return bad(file, pointer, decided.problem);
    if (*decided.kind == LeverKind::kUnread) {
      ++unread_[file];
      return Status::Ok();
    }
    json value = obj;
    Status s = take_expanded(*decided.kind, value, file, pointer);
    if (!s.ok()) return s;
    out_.objects.push_back({*decided.kind, std::move(value), file, pointer});
    return Status::Ok();
  }

  // An expanded field's objects become objects of their own; the field
  // keeps their ids.
  Status take_expanded(LeverKind holder, json& obj, const std::string& file,
                       const std::string& pointer) {
    for (const Expandable& e : kExpandable) {
      if (e.holder != holder || !obj.contains(e.field)) continue;
      json& value = obj[e.field];
      const std::string at = pointer + "/" + pointer_segment(e.field);
      if (value.is_object()) {
        Status s = take_one(e.kind, value, file, at);
        if (!s.ok()) return s;
      } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i) {
          if (!value[i].is_object()) continue;
          Status s = take_one(e.kind, value[i], file, fmt::format("{}/{}", at, i));
          if (!s.ok()) return s;
        }
      }
    }
    return Status::Ok();
  }

  Status take_one(LeverKind kind, json& value, const std::string& file, const std::string& at) {
    if (!value.contains("id") || !value["id"].is_string())
      return bad(file, at, fmt::format("an expanded {} without a string \"id\"", kind_name(kind)));
    json inner = value;
    const std::string id = inner["id"];
    value = id;
    Status s = take_expanded(kind, inner, file, at);
    if (!s.ok()) return s;
    // Lever's expanded applications carry their opportunityId; a stage is {id, text}.
    out_.objects.push_back({kind, std::move(inner), file, at});
    return Status::Ok();
  }

 public:
  void report_unread() {
    for (const auto& [file, count] : unread_) {
      out_.warnings.push_back(fmt::format(
          "{}: {} interview(s), note(s), feedback form(s) or requisition(s) skipped: the sync "
          "never reads them",
          file, count));
    }
  }

 private:
  LeverExport& out_;
  std::map<std::string, int> unread_;
};

}  // namespace

hiresync::Result<LeverExport> read_lever_export(const std::string& path) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) return Status::InvalidArgument(fmt::format("{}: {}", path, ec.message()));
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::InvalidArgument(path + ": no *.json file of Lever responses");
  } else {
    return Status::InvalidArgument(path + ": no such file or folder");
  }
  LeverExport out;
  Reader reader(out);
  for (const fs::path& file : files) {
    Status s = reader.read_file(file, file.string());
    if (!s.ok()) return s;
  }
  reader.report_unread();
  return out;
}

}  // namespace sim::repro
