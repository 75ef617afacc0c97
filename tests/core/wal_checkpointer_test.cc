// The WAL's checkpoints leave the commit path: a commit never copies the log
// back itself, the checkpointer's thread does once the log passes its
// threshold, and the copy lands in the database file.
#include "adapters/wal_checkpointer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

namespace hiresync {
namespace {

// A WAL database file with one table, removed with its log when done.
struct WalFile {
  std::string path;
  sqlite3* db = nullptr;
  WalFile() {
    std::random_device rd;
    path = (std::filesystem::temp_directory_path() /
            ("hiresync-wal-test-" + std::to_string(rd()) + std::to_string(rd()) + ".db"))
               .string();
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("CREATE TABLE t (v TEXT)");
  }
  ~WalFile() {
    sqlite3_close_v2(db);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ignored;
      std::filesystem::remove(path + suffix, ignored);
    }
  }
  void exec(const std::string& sql) {
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  // `n` commits of a row about a page long each.
  void commit_rows(int n) {
    for (int i = 0; i < n; ++i) exec("INSERT INTO t VALUES (printf('%.4000c', 'x'))");
  }
  uintmax_t size(const char* suffix = "") const {
    return std::filesystem::file_size(path + suffix);
  }
};

TEST_CASE("below the bound, commits never checkpoint the log themselves", "[store]") {
  WalFile file;
  // Thresholds no test reaches: only SQLite's own checkpoint could copy.
  auto checkpointer = WalCheckpointer::start(file.db, file.path, {1 << 30, 1 << 30});
  REQUIRE(checkpointer.ok());
  // Past SQLite's default threshold (1,000 pages), where a commit would have
  // copied the log back and started it again from its head.
  file.commit_rows(1500);
  CHECK(file.size("-wal") > 1400u * 4096u);
  CHECK((*checkpointer)->checkpoints() == 0);
}

TEST_CASE("the checkpointer copies the log into the file once it passes the threshold", "[store]") {
  WalFile file;
  const uintmax_t before = file.size();
  auto checkpointer = WalCheckpointer::start(file.db, file.path, {64, 1 << 30});
  REQUIRE(checkpointer.ok());
  file.commit_rows(10);                        // two or three pages of log a commit
  CHECK((*checkpointer)->checkpoints() == 0);  // under the threshold: no work
  file.commit_rows(40);
  REQUIRE((*checkpointer)->await(1, std::chrono::seconds(10)));
  // The rows' pages (one each) now live in the database file, not only in
  // the log: at least those of the commits that reached the threshold.
  CHECK(file.size() >= before + 16u * 4096u);
}

TEST_CASE("a log the thread never copies back stays bounded: the commit copies it", "[store]") {
  WalFile file;
  // The thread is never asked (as when it never finds the log idle).
  auto checkpointer = WalCheckpointer::start(file.db, file.path, {1 << 30, 64});
  REQUIRE(checkpointer.ok());
  file.commit_rows(1000);  // two or three thousand pages of log, unchecked
  CHECK(file.size("-wal") < 100u * 4200u);
  CHECK((*checkpointer)->checkpoints() == 0);
}

TEST_CASE("a checkpointer stops cleanly with a checkpoint due", "[store]") {
  WalFile file;
  {
    auto checkpointer = WalCheckpointer::start(file.db, file.path, {1, 1 << 30});
    REQUIRE(checkpointer.ok());
    file.commit_rows(5);
  }                     // joined here, whatever it was doing
  file.commit_rows(1);  // the writer goes on alone, SQLite's hook or none
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(file.db, "SELECT count(*) FROM t", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(sqlite3_column_int(stmt, 0) == 6);
  sqlite3_finalize(stmt);
}

}  // namespace
}  // namespace hiresync
