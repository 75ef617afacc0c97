// SqliteStore: the Store port over one SQLite file in WAL mode. The schema is
// created on open; reopening the same file after a crash finds every committed
// transaction and none of an interrupted one. OAuth tokens and webhook
// signing secrets are encrypted at rest (adapters/secret_box.h) with a key
// the database never holds; the file is private to its user (mode 0600).
#pragma once

#include <memory>
#include <string>

#include "adapters/secrets_key.h"
#include "common/status.h"
#include "ports/store.h"

namespace hiresync {

// Opens (creating if needed) the database at `path`, a file name or a
// "file:" URI; ":memory:" gives a private in-memory database. A file is
// created mode 0600 (an existing one, and its -wal/-shm/-journal, narrowed to
// it). An older schema is migrated, its clear secrets sealed with `key`; a
// database whose secrets were sealed with another key is refused
// (PermissionDenied, saying so). The Store is not thread-safe (see
// ports/store.h).
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SecretsKey& key);

// Creates the current schema in a fresh database without a key: the template
// SqliteMemoryDisk copies. Fails on a database holding secrets to seal.
Status format_sqlite_database(const std::string& path);

// Creates the file `path` mode 0600, or narrows an existing one (and its
// -wal/-shm/-journal) to its owner. SQLite gives the WAL and shared-memory
// files it creates the database file's mode.
Status create_private_database_file(const std::string& path);

}  // namespace hiresync
