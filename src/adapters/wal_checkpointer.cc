#include "adapters/wal_checkpointer.h"

#include <fmt/format.h>

namespace hiresync {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(sqlite3* writer,
                                                                const std::string& path,
                                                                WalThresholds thresholds) {
  sqlite3* own = nullptr;
  auto fail = [&](const std::string& message) {
    sqlite3_close_v2(own);
    return Status::Unavailable(
        fmt::format("cannot open database {} to checkpoint it: {}", path, message));
  };
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &own, flags, nullptr) != SQLITE_OK)
    return fail(own ? sqlite3_errmsg(own) : "out of memory");
  // A connection learns the database is in WAL mode by reading it; until
  // then a checkpoint through it is a silent no-op.
  if (sqlite3_exec(own, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(sqlite3_errmsg(own));
  std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer(writer, own, thresholds));
  // Replaces SQLite's automatic checkpoint, which is this same hook.
  sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, checkpointer.get());
  return checkpointer;
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, sqlite3* own, WalThresholds thresholds)
    : writer_(writer), own_(own), thresholds_(thresholds), thread_([this] { loop(); }) {}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  sqlite3_close_v2(own_);
}

int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int log_pages) {
  auto* c = static_cast<WalCheckpointer*>(self);
  if (log_pages >= c->thresholds_.most_pages) {
    // Busy (the thread is copying) leaves it to the next commit.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  {
    std::lock_guard lock(c->mu_);
    // Counted from the last request, not from the log's head, which a busy
    // log seldom goes back to: past the threshold every commit would ask.
    if (log_pages < c->asked_at_) c->asked_at_ = 0;  // the log started again
    if (log_pages - c->asked_at_ < c->thresholds_.pages) return SQLITE_OK;
    c->asked_at_ = log_pages;
    c->due_ = true;
  }
  c->changed_.notify_all();
  return SQLITE_OK;
}

void WalCheckpointer::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    // PASSIVE: copies the frames no reader still needs and never waits for
    // the writer. A failure (SQLITE_BUSY) leaves the log to the next one;
    // the writer's last close checkpoints whatever is left.
    sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    ++done_;
    changed_.notify_all();
  }
}

int64_t WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return done_;
}

bool WalCheckpointer::await(int64_t n, std::chrono::milliseconds limit) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, limit, [&] { return done_ >= n; });
}

}  // namespace hiresync
