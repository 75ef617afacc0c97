// TOKEN-2: runs the whole scenario suite in-process, collects every secret
// the worlds issued (access and refresh tokens, signature tokens, codes, the
// client secret, the core's Justworks tokens) and finds none of them in what
// a person or a CI job can read: stdout and stderr, the failure reports, the
// transcripts (core log, both journals, emails, pending hires, step
// messages), the --junit/--json/--html reports and the --keep folder,
// the kept SQLite databases' bytes included: the core's credential store
// holds its tokens and signing secrets encrypted (issue 17).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/html_report.h"
#include "cli/reports.h"
#include "explain/explain.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

namespace sim {
namespace {

namespace fs = std::filesystem;

// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hiresync-secrets-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Sends file descriptor `fd` (stdout or stderr) to a file while alive.
class CapturedFd {
 public:
  CapturedFd(int fd, const fs::path& file) : fd_(fd), file_(file) {
    std::fflush(nullptr);
    saved_ = dup(fd_);
    FILE* out = std::fopen(file_.c_str(), "w");
    REQUIRE(out != nullptr);
    dup2(fileno(out), fd_);
    std::fclose(out);
  }
  ~CapturedFd() {
    std::fflush(nullptr);
    dup2(saved_, fd_);
    close(saved_);
  }

 private:
  int fd_;
  fs::path file_;
  int saved_ = -1;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Readable {
  std::string where;
  std::string text;
};

// The first secret found in any text, as "<where>: <secret>"; empty if none.
std::string first_leak(const std::set<std::string>& secrets, const std::vector<Readable>& texts) {
  for (const auto& t : texts) {
    for (const auto& secret : secrets) {
      if (t.text.find(secret) != std::string::npos) return t.where + ": " + secret;
    }
  }
  return "";
}

TEST_CASE("no secret issued during a suite run appears in any output", "[secrets]") {
  TempDir tmp;
  const fs::path keep_dir = tmp.path() / "keep";
  auto files = find_scenario_files(std::string(HIRESYNC_SOURCE_DIR) + "/scenarios");
  REQUIRE(files.ok());
  REQUIRE(files->size() > 10);

  RunOptions options;
  options.jobs = 2;
  options.keep_dir = keep_dir.string();
  options.explain = true;  // the explanation of every run, in transcripts and reports
  std::vector<ScenarioResult> results;
  {
    CapturedFd out(STDOUT_FILENO, tmp.path() / "stdout.txt");
    CapturedFd err(STDERR_FILENO, tmp.path() / "stderr.txt");
    results = run_scenarios(*files, options, [](const ScenarioResult& r) {
      // What `hiresim run` prints per scenario.
      std::printf("%s %s\n%s\n", r.path.c_str(), r.name.c_str(), r.report.c_str());
      // What `hiresim run` and `hiresim repro` print to explain a run.
      if (r.explanation.is_object())
        std::printf("%s\n", explanation_text(r.explanation, false).c_str());
    });
  }
  REQUIRE(cli::write_junit(results, (tmp.path() / "junit.xml").string()).ok());
  REQUIRE(cli::write_json(results, (tmp.path() / "report.json").string()).ok());
  REQUIRE(cli::write_html(results, (tmp.path() / "report.html").string()).ok());

  std::set<std::string> secrets;
  for (const auto& r : results) {
    // Every scenario's world registers an app with a client secret and issues
    // the Justworks tokens; scenarios that connect add codes and tokens.
    CAPTURE(r.path);
    CHECK(r.issued_secrets.size() >= 2);
    for (const auto& s : r.issued_secrets) {
      REQUIRE(s.size() >= 16);  // a short "secret" would match by accident
      secrets.insert(s);
    }
  }
  // The suite connects many times: codes, access, refresh and signature tokens.
  CHECK(secrets.size() > 4 * results.size());

  std::vector<Readable> texts;
  for (const auto& r : results) {
    texts.push_back({r.path + " report", r.report});
    texts.push_back({r.path + " transcript", r.transcript.dump()});
    CHECK(r.explanation.is_object());  // explained, so the check below covers it
    texts.push_back({r.path + " explanation", r.explanation.dump()});
    texts.push_back({r.path + " explanation html", explanation_html(r.explanation)});
  }
  size_t databases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(tmp.path())) {
    if (!entry.is_regular_file()) continue;
    if (entry.path().filename() == "core.sqlite") ++databases;
    texts.push_back({fs::relative(entry.path(), tmp.path()).string(), read_file(entry.path())});
  }
  REQUIRE(texts.size() > 2 * results.size() + 5);
  CHECK(databases == results.size());  // every kept database is scanned

  CHECK(first_leak(secrets, texts) == "");

  // The search itself works: a secret planted in one more text is found.
  texts.push_back({"planted", "log line with " + *secrets.begin() + " in it"});
  CHECK(first_leak(secrets, texts) == "planted: " + *secrets.begin());
}

}  // namespace
}  // namespace sim
