// SqliteMemoryDisk: a SQLite database that lives in this process's memory and
// outlives the stores opened on it. The simulator gives it to the core as its
// "disk": a simulated crash drops the core's store (and any transaction it had
// open), a restart opens a new store on the same disk and finds every commit.
// It costs no file I/O, so a scenario's world starts in microseconds.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "adapters/secrets_key.h"
#include "common/status.h"
#include "ports/store.h"

struct sqlite3;

namespace hiresync {

class SqliteMemoryDisk {
 public:
  // A fresh, empty disk with a name no other disk in the process shares.
  static Result<std::unique_ptr<SqliteMemoryDisk>> create();
  ~SqliteMemoryDisk();
  SqliteMemoryDisk(const SqliteMemoryDisk&) = delete;
  SqliteMemoryDisk& operator=(const SqliteMemoryDisk&) = delete;

  // A store on this disk, as open_sqlite_store would give for a file.
  Result<std::unique_ptr<Store>> open_store(const SecretsKey& key) const;
  // Writes a consistent copy of the committed data to the file `path`
  // (replacing what it held; created mode 0600), for --keep and for support
  // to open with sqlite3. Its secrets stay sealed with the stores' key.
  // `rewrite`, when given, is applied to every text value of the copy (the
  // simulator names its servers there as its reports do); the disk itself
  // keeps what the core wrote.
  using TextRewrite = std::function<void(std::string& text)>;
  Status save_to(const std::string& path, const TextRewrite& rewrite = nullptr) const;

 private:
  SqliteMemoryDisk(std::string uri, sqlite3* keeper) : uri_(std::move(uri)), keeper_(keeper) {}
  std::string uri_;
  sqlite3* keeper_;  // holds the memory alive between stores
};

}  // namespace hiresync
