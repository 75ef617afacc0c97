#include "adapters/sqlite_memory_disk.h"

#include <sqlite3.h>

#include <atomic>

#include <fmt/format.h>

#include "adapters/sqlite_store.h"

namespace hiresync {

Result<std::unique_ptr<SqliteMemoryDisk>> SqliteMemoryDisk::create() {
  // The memdb VFS shares a database between connections when its name starts
  // with "/"; the counter keeps concurrent scenarios' disks apart.
  static std::atomic<uint64_t> next_id{0};
  std::string uri = fmt::format("file:/hiresync-disk-{}?vfs=memdb", next_id++);
  sqlite3* keeper = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(uri.c_str(), &keeper, flags, nullptr) != SQLITE_OK) {
    std::string message = keeper ? sqlite3_errmsg(keeper) : "out of memory";
    sqlite3_close_v2(keeper);
    return Status::Unavailable(fmt::format("cannot create an in-memory database: {}", message));
  }
  return std::unique_ptr<SqliteMemoryDisk>(new SqliteMemoryDisk(std::move(uri), keeper));
}

SqliteMemoryDisk::~SqliteMemoryDisk() { sqlite3_close_v2(keeper_); }

Result<std::unique_ptr<Store>> SqliteMemoryDisk::open_store() const { return open_sqlite_store(uri_); }

Status SqliteMemoryDisk::save_to(const std::string& path) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(keeper_, "VACUUM INTO ?1", -1, &stmt, nullptr) != SQLITE_OK)
    return Status::Internal(fmt::format("cannot save the database: {}", sqlite3_errmsg(keeper_)));
  sqlite3_bind_text(stmt, 1, path.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE)
    return Status::Unavailable(fmt::format("cannot save the database to {}: {}", path, sqlite3_errmsg(keeper_)));
  return Status::Ok();
}

}  // namespace hiresync
