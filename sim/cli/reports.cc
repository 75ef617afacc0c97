#include "cli/reports.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace sim::cli {
namespace {

using Outcome = ScenarioResult::Outcome;

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kPassed:
      return "passed";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kInvalid:
      return "invalid";
    case Outcome::kError:
      return "error";
  }
  return "error";
}

// The report's first line that says what differs, for the failure message.
std::string headline(const std::string& report) {
  std::string out;
  size_t start = 0;
  while (start < report.size()) {
    size_t end = report.find('\n', start);
    if (end == std::string::npos) end = report.size();
    std::string line = report.substr(start, end - start);
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos) {
      if (!out.empty()) out += "; ";
      out += line.substr(first);
      if (out.size() > 400 || line.find("actual:") != std::string::npos) break;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

hiresync::Status check_report_destination(const std::string& flag, const std::string& path) {
  namespace fs = std::filesystem;
  auto bad = [&](const std::string& why) {
    return hiresync::Status::InvalidArgument(fmt::format("{} {}: {}", flag, path, why));
  };
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::is_directory(st)) return bad("is a folder; name a file");
  if (fs::exists(st)) {
    if (access(path.c_str(), W_OK) != 0) return bad(std::strerror(errno));
    return hiresync::Status::Ok();
  }
  const fs::path folder =
      fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  fs::create_directories(folder, ec);
  if (ec) return bad(fmt::format("cannot make the folder {}: {}", folder.string(), ec.message()));
  if (access(folder.c_str(), W_OK | X_OK) != 0)
    return bad(fmt::format("cannot write in {}: {}", folder.string(), std::strerror(errno)));
  return hiresync::Status::Ok();
}

// A report is written whole or not at all: into a temp file beside it, then
// renamed over it, so a failed or interrupted write never leaves half a
// report, and a symlink at `path` is replaced rather than followed. A path
// that is not a regular file (/dev/stdout, a pipe) is written in place.
hiresync::Status write_report_file(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  auto failed = [&](int err) {
    return hiresync::Status::Unavailable(
        fmt::format("{}: cannot write the report: {}", path, std::strerror(err)));
  };
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st) && !fs::is_symlink(st)) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return out ? hiresync::Status::Ok() : failed(errno);
  }
  std::string temp = path + ".XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) return failed(errno);
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      close(fd);
      unlink(temp.c_str());
      return failed(err);
    }
    written += static_cast<size_t>(n);
  }
  // Readable as an ordinary file would be (mkstemp makes it 0600).
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (close(fd) != 0 || rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return failed(err);
  }
  return hiresync::Status::Ok();
}

hiresync::Status write_junit(const std::vector<ScenarioResult>& results, const std::string& path) {
  size_t failures = 0, errors = 0;
  int64_t total_ms = 0;
  for (const auto& r : results) {
    failures += r.outcome == Outcome::kFailed;
    errors += r.outcome == Outcome::kInvalid || r.outcome == Outcome::kError;
    total_ms += r.wall_ms;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n",
                     results.size(), failures, errors, total_ms / 1000.0);
  xml += fmt::format(
      "  <testsuite name=\"hiresim\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
      "time=\"{:.3f}\">\n",
      results.size(), failures, errors, total_ms / 1000.0);
  for (const auto& r : results) {
    xml += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"",
                       markup_escape(r.path), markup_escape(r.name.empty() ? r.path : r.name),
                       r.wall_ms / 1000.0);
    if (r.outcome == Outcome::kPassed) {
      xml += "/>\n";
      continue;
    }
    const char* tag = r.outcome == Outcome::kFailed ? "failure" : "error";
    xml += fmt::format(">\n      <{} type=\"{}\" message=\"{}\">{}</{}>\n    </testcase>\n", tag,
                       outcome_name(r.outcome), markup_escape(headline(r.report)),
                       markup_escape(r.report), tag);
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return write_report_file(path, xml);
}

hiresync::Status write_json(const std::vector<ScenarioResult>& results, const std::string& path) {
  nlohmann::json doc = {{"scenarios", nlohmann::json::array()}};
  size_t passed = 0;
  for (const auto& r : results) {
    passed += r.outcome == Outcome::kPassed;
    nlohmann::json entry = {{"path", r.path},
                            {"name", r.name},
                            {"covers", r.covers},
                            {"seed", r.seed},
                            {"outcome", outcome_name(r.outcome)},
                            {"wall_ms", r.wall_ms},
                            {"transcript", r.transcript}};
    if (!r.report.empty()) entry["report"] = r.report;
    if (r.failed_step) entry["failed_step"] = r.failed_step;
    doc["scenarios"].push_back(std::move(entry));
  }
  doc["passed"] = passed;
  doc["failed"] = results.size() - passed;
  // A file name need not be UTF-8; JSON must be: bad bytes become U+FFFD.
  return write_report_file(
      path, doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace sim::cli
