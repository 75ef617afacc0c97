// SqliteStore: the Store port over one SQLite file in WAL mode. The schema is
// created on open; reopening the same file after a crash finds every committed
// transaction and none of an interrupted one.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "ports/store.h"

namespace hiresync {

// Opens (creating if needed) the database at `path`, a file name or a
// "file:" URI; ":memory:" gives a private in-memory database. The Store is not thread-safe (see
// ports/store.h).
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace hiresync
