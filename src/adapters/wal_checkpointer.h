// WalCheckpointer: copies a WAL database's log back into the database file
// on a thread and a connection of its own.
//
// Left to SQLite, the commit that grows the log past its threshold does the
// copy itself, fsyncs included, before it returns: with the store's one
// connection behind one lock, every ~150th hire's delivery waited 1–20 ms for
// it (the core bench's ack p99). Here the writer's commit only raises a flag;
// a PASSIVE checkpoint on the second connection copies what no reader still
// needs while the writer goes on appending.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"

namespace hiresync {

// When WalCheckpointer copies the log back, in pages of log.
struct WalThresholds {
  // A checkpoint is asked for every this many new pages: SQLite's own
  // default for its automatic one.
  int pages = 1000;
  // Under steady writes a checkpoint seldom finds the log idle, and only
  // then can the next commit start the log again from its head: it grew
  // to 150 MB in the core bench. At this size the commit copies the log
  // back itself, as SQLite would, and the log stays bounded.
  int most_pages = 4000;
};

class WalCheckpointer {
 public:
  // Takes over `writer`'s checkpoints (its WAL hook: SQLite's automatic
  // checkpoint is off from then on). `path` opens the same database file.
  // REQUIRES: `writer` is in WAL mode and outlives the checkpointer.
  static Result<std::unique_ptr<WalCheckpointer>> start(sqlite3* writer, const std::string& path,
                                                        WalThresholds thresholds = {});
  // Finishes a checkpoint under way, then closes its connection.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far.
  int64_t checkpoints() const;
  // Waits until `n` have run; false when `limit` passed first.
  bool await(int64_t n, std::chrono::milliseconds limit) const;

 private:
  WalCheckpointer(sqlite3* writer, sqlite3* own, WalThresholds thresholds);
  static int on_commit(void* self, sqlite3* db, const char* schema, int log_pages);
  void loop();

  sqlite3* writer_;
  sqlite3* own_;  // used by the thread alone
  const WalThresholds thresholds_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  int asked_at_ = 0;  // the log's size when a checkpoint was last asked for
  bool due_ = false;
  bool stopping_ = false;
  int64_t done_ = 0;
  std::thread thread_;
};

}  // namespace hiresync
