#include "adapters/sqlite_memory_disk.h"

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "adapters/sqlite_store.h"

namespace hiresync {

namespace {

constexpr int kOpenFlags =
    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;

// Copies every page of `from`'s main database over `into`'s, in one step.
Status copy_pages(sqlite3* from, sqlite3* into, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(into, "main", from, "main");
  if (backup == nullptr)
    return Status::Unavailable(fmt::format("cannot {}: {}", what, sqlite3_errmsg(into)));
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    return Status::Unavailable(fmt::format("cannot {}: {}", what, sqlite3_errstr(rc)));
  return Status::Ok();
}

// One disk per process formatted the slow way, by opening a store on it;
// every later disk starts as a page copy of it. Parsing and running the
// schema's DDL was most of opening a store, and the suite makes a disk per
// scenario; copying a few pages is not.
class FormattedDisk {
 public:
  // Copies the formatted pages into `into`'s main database.
  Status copy_to(sqlite3* into) {
    std::lock_guard lock(mu_);
    if (!source_) {
      if (Status s = format(); !s.ok()) return s;
    }
    return copy_pages(source_, into, "format a memory disk");
  }

 private:
  Status format() {
    const std::string uri = "file:/hiresync-formatted-disk?vfs=memdb";
    sqlite3* keeper = nullptr;
    if (sqlite3_open_v2(uri.c_str(), &keeper, kOpenFlags, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(keeper);
      return Status::Unavailable("cannot create the formatted memory disk");
    }
    // The schema without a key: each disk's first store seals its own key
    // check (a world's key is its own).
    if (Status s = format_sqlite_database(uri); !s.ok()) {
      sqlite3_close_v2(keeper);
      return s;
    }
    source_ = keeper;  // kept for the process's life: the template
    return Status::Ok();
  }

  std::mutex mu_;
  sqlite3* source_ = nullptr;
};

// The text columns of every table of `db`, as "table", "column" pairs.
std::vector<std::pair<std::string, std::string>> text_columns(sqlite3* db) {
  std::vector<std::pair<std::string, std::string>> out;
  sqlite3_stmt* stmt = nullptr;
  const char* sql =
      "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.type = 'TEXT'";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  return out;
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The SQL function rewrite(text): the caller's rewrite, applied to one value.
void rewrite_value(sqlite3_context* ctx, int, sqlite3_value** args) {
  const auto* rewrite = static_cast<const SqliteMemoryDisk::TextRewrite*>(sqlite3_user_data(ctx));
  const unsigned char* text = sqlite3_value_text(args[0]);
  std::string value(text ? reinterpret_cast<const char*>(text) : "",
                    static_cast<size_t>(sqlite3_value_bytes(args[0])));
  (*rewrite)(value);
  sqlite3_result_text(ctx, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

// Applies `rewrite` to every text value of `db`, in one transaction.
Status rewrite_text(sqlite3* db, const SqliteMemoryDisk::TextRewrite& rewrite,
                    const std::string& what) {
  if (!rewrite) return Status::Ok();
  if (sqlite3_create_function(db, "rewrite", 1, SQLITE_UTF8,
                              const_cast<void*>(static_cast<const void*>(&rewrite)), rewrite_value,
                              nullptr, nullptr) != SQLITE_OK)
    return Status::Unavailable(fmt::format("cannot {}: {}", what, sqlite3_errmsg(db)));
  std::string sql = "BEGIN;";
  for (const auto& [table, column] : text_columns(db)) {
    const std::string c = quoted(column);
    sql +=
        fmt::format("UPDATE {0} SET {1} = rewrite({1}) WHERE {1} IS NOT NULL;", quoted(table), c);
  }
  sql += "COMMIT;";
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Status s = Status::Unavailable(
        fmt::format("cannot {}: {}", what, message ? message : sqlite3_errmsg(db)));
    sqlite3_free(message);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqliteMemoryDisk>> SqliteMemoryDisk::create() {
  // The memdb VFS shares a database between connections when its name starts
  // with "/"; the counter keeps concurrent scenarios' disks apart.
  static std::atomic<uint64_t> next_id{0};
  std::string uri = fmt::format("file:/hiresync-disk-{}?vfs=memdb", next_id++);
  sqlite3* keeper = nullptr;
  if (sqlite3_open_v2(uri.c_str(), &keeper, kOpenFlags, nullptr) != SQLITE_OK) {
    std::string message = keeper ? sqlite3_errmsg(keeper) : "out of memory";
    sqlite3_close_v2(keeper);
    return Status::Unavailable(fmt::format("cannot create an in-memory database: {}", message));
  }
  std::unique_ptr<SqliteMemoryDisk> disk(new SqliteMemoryDisk(std::move(uri), keeper));
  static FormattedDisk* formatted =
      new FormattedDisk();  // never destroyed, like the process's template
  if (Status s = formatted->copy_to(keeper); !s.ok()) return s;
  return disk;
}

SqliteMemoryDisk::~SqliteMemoryDisk() { sqlite3_close_v2(keeper_); }

Result<std::unique_ptr<Store>> SqliteMemoryDisk::open_store(const SecretsKey& key) const {
  return open_sqlite_store(uri_, key);
}

Status SqliteMemoryDisk::save_to(const std::string& path, const TextRewrite& rewrite) const {
  // A page copy into a file opened with the default VFS. VACUUM INTO would
  // open its target through this disk's memdb VFS: it reported success and
  // left no file.
  if (Status s = create_private_database_file(path); !s.ok()) return s;
  sqlite3* file = nullptr;
  if (sqlite3_open_v2(path.c_str(), &file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string message = file ? sqlite3_errmsg(file) : "out of memory";
    sqlite3_close_v2(file);
    return Status::Unavailable(fmt::format("cannot save the database to {}: {}", path, message));
  }
  Status copied = copy_pages(keeper_, file, "save the database to " + path);
  if (copied.ok()) copied = rewrite_text(file, rewrite, "save the database to " + path);
  sqlite3_close_v2(file);
  return copied;
}

}  // namespace hiresync
