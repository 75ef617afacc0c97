#include "adapters/sqlite_memory_disk.h"

#include <sqlite3.h>

#include <atomic>
#include <mutex>

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

// Replaces each (from, to) in every text value of `db`, in one transaction.
Status rename_text(sqlite3* db, const SqliteMemoryDisk::Renames& renames, const std::string& what) {
  if (renames.empty()) return Status::Ok();
  std::string sql = "BEGIN;";
  for (const auto& [table, column] : text_columns(db)) {
    const std::string c = quoted(column);
    for (size_t i = 0; i < renames.size(); ++i) {
      // ?1/?2: from/to with a '/' after; ?3/?4: the whole value.
      sql += fmt::format(
          "UPDATE {0} SET {1} = CASE WHEN {1} = ?{4} THEN ?{5} ELSE replace({1}, ?{2}, ?{3}) END "
          "WHERE {1} = ?{4} OR instr({1}, ?{2}) > 0;",
          quoted(table), c, 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4);
    }
  }
  sql += "COMMIT;";
  // One statement at a time, each bound to the same numbered parameters.
  const char* next = sql.c_str();
  while (*next != '\0') {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, next, -1, &stmt, &next) != SQLITE_OK)
      return Status::Unavailable(fmt::format("cannot {}: {}", what, sqlite3_errmsg(db)));
    if (stmt == nullptr) continue;  // whitespace at the end
    for (size_t i = 0; i < renames.size(); ++i) {
      const auto& [from, to] = renames[i];
      const std::string from_slash = from + "/", to_slash = to + "/";
      const int base = static_cast<int>(4 * i);
      if (sqlite3_bind_parameter_count(stmt) < base + 4) break;
      sqlite3_bind_text(stmt, base + 1, from_slash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, base + 2, to_slash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, base + 3, from.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, base + 4, to.c_str(), -1, SQLITE_TRANSIENT);
    }
    const int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return Status::Unavailable(fmt::format("cannot {}: {}", what, sqlite3_errstr(rc)));
    }
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

Status SqliteMemoryDisk::save_to(const std::string& path, const Renames& renames) const {
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
  if (copied.ok()) copied = rename_text(file, renames, "save the database to " + path);
  sqlite3_close_v2(file);
  return copied;
}

}  // namespace hiresync
