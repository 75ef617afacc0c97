#include "adapters/sqlite_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "adapters/secret_box.h"
#include "adapters/wal_checkpointer.h"
#include "common/check.h"

namespace hiresync {
namespace {

constexpr int kSchemaVersion = 4;

// Created on open. One hire row per (company, opportunity) is both the job
// and its sync-log entry, so the two can never disagree.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS integrations (
  company TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  last_error TEXT,
  connection_id TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS connections (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  access_expires_at_ms INTEGER NOT NULL,
  webhook_id TEXT NOT NULL,
  webhook_url TEXT NOT NULL,
  signature_token TEXT NOT NULL,
  webhook_created_at_ms INTEGER NOT NULL,
  webhook_verified INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_states (
  state TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  member_email TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries_seen (
  connection_id TEXT NOT NULL,
  token TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  PRIMARY KEY (connection_id, token)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hires (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  opportunity_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  state TEXT NOT NULL,
  due_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  reason TEXT NOT NULL,
  request_body TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  title TEXT NOT NULL,
  pending_hire_id TEXT NOT NULL,
  review_url TEXT NOT NULL,
  outbox_built INTEGER NOT NULL,
  emails_sent INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  found_by_reconciliation INTEGER NOT NULL DEFAULT 0,
  hired_at_ms INTEGER NOT NULL DEFAULT 0,
  resend_of_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (company, opportunity_id));
CREATE INDEX IF NOT EXISTS hires_runnable ON hires (due_ms, id)
  WHERE state IN ('queued', 'running');
CREATE TABLE IF NOT EXISTS outbox (
  hire_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  link TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (hire_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS connected_periods (
  company TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER,
  PRIMARY KEY (company, start_ms)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reconciliations (
  company TEXT PRIMARY KEY,
  unseen_since_ms INTEGER,
  unseen_until_ms INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  reconciled_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS heartbeat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  alive_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS secrets_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sealed TEXT NOT NULL);
)sql";

// Version 1 → 2 (REL-7): the hire's reconciliation columns; the new tables
// come from kSchema's IF NOT EXISTS.
constexpr const char* kMigrateFrom1 = R"sql(
ALTER TABLE hires ADD COLUMN found_by_reconciliation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hires ADD COLUMN hired_at_ms INTEGER NOT NULL DEFAULT 0;
)sql";
// Version 3 → 4 (issue 18): a done hire delivered again keeps which hire it synced.
constexpr const char* kMigrateFrom3 = R"sql(
ALTER TABLE hires ADD COLUMN resend_of_ms INTEGER NOT NULL DEFAULT 0;
)sql";
// An integration connected before version 2 is connected from its last change on.
constexpr const char* kOpenPeriodsFrom1 = R"sql(
INSERT OR IGNORE INTO connected_periods (company, start_ms, end_ms)
  SELECT company, updated_at_ms, NULL FROM integrations WHERE status = 'connected';
)sql";

// Version 2 → 3 (issue 17): the connections' tokens and signing secrets are
// sealed (adapters/secret_box.h) in place, in C++ as SQL cannot encrypt; the
// secrets_check table comes from kSchema.

// Where a sealed value lives, bound into its ciphertext as associated data:
// a value copied to another connection or column no longer opens.
std::string secret_place(const std::string& connection_id, const char* column) {
  return fmt::format("connections/{}/{}", connection_id, column);
}

// A known text sealed when a database first meets its key: opening it tells a
// wrong key at open time, before any token is needed.
constexpr std::string_view kKeyCheckText = "hiresync secrets key check";
constexpr std::string_view kKeyCheckPlace = "secrets_check/1";

// One cached prepared statement in use: binds by position, steps, and resets
// when it goes out of scope so the next use starts clean.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(const std::string& v) {
    sqlite3_bind_text(stmt_, ++index_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(const char* v) { return bind(std::string(v)); }
  Query& bind(std::string_view v) { return bind(std::string(v)); }
  Query& bind(int64_t v) {
    sqlite3_bind_int64(stmt_, ++index_, v);
    return *this;
  }
  Query& bind(int v) { return bind(static_cast<int64_t>(v)); }
  Query& bind(bool v) { return bind(static_cast<int64_t>(v ? 1 : 0)); }
  Query& bind(const std::optional<std::string>& v) {
    if (v) return bind(*v);
    sqlite3_bind_null(stmt_, ++index_);
    return *this;
  }

  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int step() { return sqlite3_step(stmt_); }
  Status run() {
    const int rc = step();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
    return error("step");
  }
  Status error(const char* what) const {
    return Status::Internal(fmt::format("sqlite {}: {}", what, sqlite3_errmsg(db_)));
  }

  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::optional<std::string> optional_text(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return text(col);
  }
  int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int index_ = 0;
};

constexpr const char* kHireColumns =
    "id, company, opportunity_id, connection_id, state, due_ms, attempts, generation, reason, "
    "request_body, idempotency_key, candidate_name, title, pending_hire_id, review_url, "
    "outbox_built, emails_sent, updated_at_ms, found_by_reconciliation, hired_at_ms, "
    "resend_of_ms";

// Binds the columns a hire's UPDATE and INSERT share, in this order.
void bind_hire_fields(Query& q, const Hire& h) {
  q.bind(h.connection_id).bind(to_string(h.state)).bind(h.due_ms).bind(h.attempts);
  q.bind(h.generation).bind(h.reason).bind(h.request_body).bind(h.idempotency_key);
  q.bind(h.candidate_name).bind(h.title).bind(h.pending_hire_id).bind(h.review_url);
  q.bind(h.outbox_built).bind(h.emails_sent).bind(h.updated_at_ms);
  q.bind(h.found_by_reconciliation).bind(h.hired_at_ms).bind(h.resend_of_ms);
}

Hire read_hire(const Query& q) {
  Hire h;
  h.id = q.int64(0);
  h.company = q.text(1);
  h.opportunity_id = q.text(2);
  h.connection_id = q.text(3);
  h.state = parse_hire_state(q.text(4)).value_or(HireState::kFailed);
  h.due_ms = q.int64(5);
  h.attempts = static_cast<int>(q.int64(6));
  h.generation = static_cast<int>(q.int64(7));
  h.reason = q.text(8);
  h.request_body = q.text(9);
  h.idempotency_key = q.text(10);
  h.candidate_name = q.text(11);
  h.title = q.text(12);
  h.pending_hire_id = q.text(13);
  h.review_url = q.text(14);
  h.outbox_built = q.int64(15) != 0;
  h.emails_sent = static_cast<int>(q.int64(16));
  h.updated_at_ms = q.int64(17);
  h.found_by_reconciliation = q.int64(18) != 0;
  h.hired_at_ms = q.int64(19);
  h.resend_of_ms = q.int64(20);
  return h;
}

class SqliteStore final : public Store {
 public:
  // `key`: copied; null only to format a fresh database.
  SqliteStore(sqlite3* db, const SecretsKey* key) : db_(db) {
    if (key) key_.emplace(*key);
  }
  ~SqliteStore() override {
    checkpointer_.reset();  // its hook is on db_
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  // Creates or migrates the schema; with a key, also seals a version-2
  // database's clear secrets and checks the key against the database's.
  // REQUIRES: key, unless the database is fresh (a memory disk's template).
  Status init() {
    // WAL lets readers proceed during a write; NORMAL syncs at checkpoints
    // only: a power loss may lose the last commits, a process crash loses none.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=OFF",
          "PRAGMA busy_timeout=5000", "PRAGMA temp_store=MEMORY"}) {
      if (Status s = exec(pragma); !s.ok()) return s;
    }
    // A database already at this version (a restart, or a memory disk copied
    // from a formatted one) needs no DDL, whose parsing is most of an open.
    const int64_t version = schema_version();
    if (version > kSchemaVersion) {
      return Status::Unavailable(
          fmt::format("schema version {} is newer than this build's {}", version, kSchemaVersion));
    }
    if (version != kSchemaVersion) {
      // The clear values a migration replaces are overwritten with zeros,
      // not left in the pages' free space for a file scan to find.
      if (Status s = exec("PRAGMA secure_delete=ON"); !s.ok()) return s;
      Status migrated = atomically([&]() -> Status {
        // The columns older tables lack, then whatever kSchema adds.
        std::string sql;
        if (version == 1) sql += kMigrateFrom1;
        if (version >= 1) sql += kMigrateFrom3;
        sql += kSchema;
        if (version == 1) sql += kOpenPeriodsFrom1;
        if (Status s = exec(sql); !s.ok()) return s;
        if (version == 1 || version == 2) {
          if (Status s = seal_clear_secrets(); !s.ok()) return s;
        }
        return exec(fmt::format("PRAGMA user_version={}", kSchemaVersion));
      });
      if (!migrated.ok()) return migrated;
      // Copied into the database file now, over the pages that held them.
      if (Status s = exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok()) return s;
      if (Status s = exec("PRAGMA secure_delete=OFF"); !s.ok()) return s;
    }
    if (key_) {
      if (Status s = check_key(); !s.ok()) return s;
    }
    return start_checkpointer();
  }

  // A database file in WAL mode has its log copied back off the commit path
  // (adapters/wal_checkpointer.h); a memory disk has no log.
  Status start_checkpointer() {
    if (journal_mode() != "wal") return Status::Ok();
    auto started = WalCheckpointer::start(db_, sqlite3_db_filename(db_, "main"));
    if (!started.ok()) return started.status();
    checkpointer_ = std::move(*started);
    return Status::Ok();
  }

  std::string journal_mode() {
    auto q = query("PRAGMA journal_mode");
    return q.step() == SQLITE_ROW ? q.text(0) : std::string();
  }

  int64_t schema_version() {
    auto q = query("PRAGMA user_version");
    return q.step() == SQLITE_ROW ? q.int64(0) : -1;
  }

  Status atomically(const std::function<Status()>& body) override {
    if (in_transaction_) return body();  // joins the outer transaction
    if (Status s = exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    in_transaction_ = true;
    Status result;
    try {
      result = body();
    } catch (...) {
      in_transaction_ = false;
      exec("ROLLBACK");
      throw;
    }
    in_transaction_ = false;
    if (result.ok()) {
      Status s = exec("COMMIT");
      if (s.ok()) return s;
      result = s;
    }
    exec("ROLLBACK");
    return result;
  }

  Result<std::optional<Integration>> integration(const std::string& company) override {
    auto q = query(
        "SELECT company, status, last_error, connection_id, updated_at_ms FROM integrations "
        "WHERE company = ?");
    q.bind(company);
    const int rc = q.step();
    if (rc == SQLITE_DONE) return std::optional<Integration>();
    if (rc != SQLITE_ROW) return q.error("integration");
    Integration i;
    i.company = q.text(0);
    i.status = parse_integration_status(q.text(1)).value_or(IntegrationStatus::kNotConnected);
    i.last_error = q.optional_text(2);
    i.connection_id = q.text(3);
    i.updated_at_ms = q.int64(4);
    return std::optional<Integration>(std::move(i));
  }

  Status put_integration(const Integration& i) override {
    auto q = query(
        "INSERT OR REPLACE INTO integrations (company, status, last_error, connection_id, "
        "updated_at_ms) VALUES (?, ?, ?, ?, ?)");
    q.bind(i.company).bind(to_string(i.status)).bind(i.last_error).bind(i.connection_id);
    q.bind(i.updated_at_ms);
    return q.run();
  }

  Result<std::optional<Connection>> connection(const std::string& id) override {
    auto q = query(
        "SELECT id, company, access_token, refresh_token, access_expires_at_ms, webhook_id, "
        "webhook_url, signature_token, webhook_created_at_ms, webhook_verified, created_at_ms "
        "FROM connections WHERE id = ?");
    q.bind(id);
    const int rc = q.step();
    if (rc == SQLITE_DONE) return std::optional<Connection>();
    if (rc != SQLITE_ROW) return q.error("connection");
    Connection c;
    c.id = q.text(0);
    c.company = q.text(1);
    c.access_expires_at_ms = q.int64(4);
    c.webhook_id = q.text(5);
    c.webhook_url = q.text(6);
    c.webhook_created_at_ms = q.int64(8);
    c.webhook_verified = q.int64(9) != 0;
    c.created_at_ms = q.int64(10);
    for (auto [field, column, col] : {std::tuple{&c.access_token, "access_token", 2},
                                      std::tuple{&c.refresh_token, "refresh_token", 3},
                                      std::tuple{&c.signature_token, "signature_token", 7}}) {
      auto opened = open_sealed(c.id, column, q.text(col));
      if (!opened.ok()) return opened.status();
      *field = std::move(*opened);
    }
    return std::optional<Connection>(std::move(c));
  }

  Status put_connection(const Connection& c) override {
    auto q = query(
        "INSERT OR REPLACE INTO connections (id, company, access_token, refresh_token, "
        "access_expires_at_ms, webhook_id, webhook_url, signature_token, webhook_created_at_ms, "
        "webhook_verified, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(c.id).bind(c.company).bind(seal(c.id, "access_token", c.access_token));
    q.bind(seal(c.id, "refresh_token", c.refresh_token));
    q.bind(c.access_expires_at_ms).bind(c.webhook_id).bind(c.webhook_url);
    q.bind(seal(c.id, "signature_token", c.signature_token));
    q.bind(c.webhook_created_at_ms).bind(c.webhook_verified).bind(c.created_at_ms);
    return q.run();
  }

  Status put_oauth_state(const OAuthState& s) override {
    auto q = query(
        "INSERT OR REPLACE INTO oauth_states (state, company, member_email, expires_at_ms) "
        "VALUES (?, ?, ?, ?)");
    q.bind(s.state).bind(s.company).bind(s.member_email).bind(s.expires_at_ms);
    return q.run();
  }

  Result<std::optional<OAuthState>> take_oauth_state(const std::string& state) override {
    std::optional<OAuthState> found;
    Status s = atomically([&]() -> Status {
      {
        auto q = query(
            "SELECT state, company, member_email, expires_at_ms FROM oauth_states WHERE state = ?");
        q.bind(state);
        const int rc = q.step();
        if (rc == SQLITE_DONE) return Status::Ok();
        if (rc != SQLITE_ROW) return q.error("oauth state");
        found = OAuthState{q.text(0), q.text(1), q.text(2), q.int64(3)};
      }
      auto del = query("DELETE FROM oauth_states WHERE state = ?");
      del.bind(state);
      return del.run();
    });
    if (!s.ok()) return s;
    return found;
  }

  Result<bool> remember_delivery(const std::string& connection_id, const std::string& token,
                                 int64_t received_at_ms) override {
    auto q = query(
        "INSERT OR IGNORE INTO deliveries_seen (connection_id, token, received_at_ms) "
        "VALUES (?, ?, ?)");
    q.bind(connection_id).bind(token).bind(received_at_ms);
    if (Status s = q.run(); !s.ok()) return s;
    return sqlite3_changes(db_) > 0;
  }

  Status forget_deliveries_before(int64_t ms) override {
    auto q = query("DELETE FROM deliveries_seen WHERE received_at_ms < ?");
    q.bind(ms);
    return q.run();
  }

  Result<std::optional<Hire>> hire(const std::string& company,
                                   const std::string& opportunity_id) override {
    static const std::string sql =
        fmt::format("SELECT {} FROM hires WHERE company = ? AND opportunity_id = ?", kHireColumns);
    auto q = query(sql.c_str());
    q.bind(company).bind(opportunity_id);
    const int rc = q.step();
    if (rc == SQLITE_DONE) return std::optional<Hire>();
    if (rc != SQLITE_ROW) return q.error("hire");
    return std::optional<Hire>(read_hire(q));
  }

  Result<int64_t> put_hire(const Hire& h) override {
    if (h.id == 0) {
      auto q = query(
          "INSERT INTO hires (company, opportunity_id, connection_id, state, due_ms, attempts, "
          "generation, reason, request_body, idempotency_key, candidate_name, title, "
          "pending_hire_id, review_url, outbox_built, emails_sent, updated_at_ms, "
          "found_by_reconciliation, hired_at_ms, resend_of_ms) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      q.bind(h.company).bind(h.opportunity_id);
      bind_hire_fields(q, h);
      if (Status s = q.run(); !s.ok()) return s;
      return sqlite3_last_insert_rowid(db_);
    }
    // An UPDATE leaves alone the indexes whose columns did not change; a
    // REPLACE would rewrite them all.
    auto q = query(
        "UPDATE hires SET connection_id = ?, state = ?, due_ms = ?, attempts = ?, generation = ?, "
        "reason = ?, request_body = ?, idempotency_key = ?, candidate_name = ?, title = ?, "
        "pending_hire_id = ?, review_url = ?, outbox_built = ?, emails_sent = ?, "
        "updated_at_ms = ?, found_by_reconciliation = ?, hired_at_ms = ?, resend_of_ms = ? "
        "WHERE id = ?");
    bind_hire_fields(q, h);
    q.bind(h.id);
    if (Status s = q.run(); !s.ok()) return s;
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no hire with this id");
    return h.id;
  }

  Result<std::vector<Hire>> hires_of(const std::string& company) override {
    static const std::string sql =
        fmt::format("SELECT {} FROM hires WHERE company = ? ORDER BY id", kHireColumns);
    auto q = query(sql.c_str());
    q.bind(company);
    return read_hires(q);
  }

  Result<std::vector<Hire>> due_hires(int64_t now_ms, int limit) override {
    static const std::string sql = fmt::format(
        "SELECT {} FROM hires WHERE state IN ('queued', 'running') AND due_ms <= ? "
        "ORDER BY due_ms, id LIMIT ?",
        kHireColumns);
    auto q = query(sql.c_str());
    q.bind(now_ms).bind(limit);
    return read_hires(q);
  }

  Result<std::optional<int64_t>> next_due_ms() override {
    auto q = query("SELECT MIN(due_ms) FROM hires WHERE state IN ('queued', 'running')");
    if (q.step() != SQLITE_ROW) return q.error("next due");
    if (q.is_null(0)) return std::optional<int64_t>();
    return std::optional<int64_t>(q.int64(0));
  }

  Status put_outbox_email(const OutboxEmail& e) override {
    auto q = query(
        "INSERT INTO outbox (key, hire_id, seq, recipient, subject, text, link, state, reason, "
        "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hire_id, seq) DO UPDATE "
        "SET "
        "state = excluded.state, reason = excluded.reason, updated_at_ms = excluded.updated_at_ms");
    q.bind(e.key).bind(e.hire_id).bind(e.seq).bind(e.to).bind(e.subject).bind(e.text);
    q.bind(e.link).bind(to_string(e.state)).bind(e.reason).bind(e.updated_at_ms);
    return q.run();
  }

  Result<std::vector<OutboxEmail>> outbox_of(int64_t hire_id) override {
    auto q = query(
        "SELECT key, hire_id, seq, recipient, subject, text, link, state, reason, updated_at_ms "
        "FROM outbox WHERE hire_id = ? ORDER BY seq");
    q.bind(hire_id);
    std::vector<OutboxEmail> out;
    for (int rc = q.step(); rc != SQLITE_DONE; rc = q.step()) {
      if (rc != SQLITE_ROW) return q.error("outbox");
      OutboxEmail e;
      e.key = q.text(0);
      e.hire_id = q.int64(1);
      e.seq = static_cast<int>(q.int64(2));
      e.to = q.text(3);
      e.subject = q.text(4);
      e.text = q.text(5);
      e.link = q.text(6);
      e.state = parse_outbox_state(q.text(7)).value_or(OutboxState::kPending);
      e.reason = q.text(8);
      e.updated_at_ms = q.int64(9);
      out.push_back(std::move(e));
    }
    return out;
  }

  Status put_connected_period(const ConnectedPeriod& p) override {
    auto q = query(
        "INSERT OR REPLACE INTO connected_periods (company, start_ms, end_ms) VALUES (?, ?, ?)");
    q.bind(p.company).bind(p.start_ms);
    if (p.end_ms) {
      q.bind(*p.end_ms);
    } else {
      q.bind(std::optional<std::string>());
    }
    return q.run();
  }

  Result<std::vector<ConnectedPeriod>> connected_periods(const std::string& company) override {
    auto q = query(
        "SELECT company, start_ms, end_ms FROM connected_periods WHERE company = ? "
        "ORDER BY start_ms");
    q.bind(company);
    std::vector<ConnectedPeriod> out;
    for (int rc = q.step(); rc != SQLITE_DONE; rc = q.step()) {
      if (rc != SQLITE_ROW) return q.error("connected periods");
      ConnectedPeriod p{q.text(0), q.int64(1), std::nullopt};
      if (!q.is_null(2)) p.end_ms = q.int64(2);
      out.push_back(std::move(p));
    }
    return out;
  }

  Result<std::optional<Reconciliation>> reconciliation(const std::string& company) override {
    auto q = query(
        "SELECT company, unseen_since_ms, unseen_until_ms, due_ms, attempts, last_error, "
        "reconciled_at_ms "
        "FROM reconciliations WHERE company = ?");
    q.bind(company);
    const int rc = q.step();
    if (rc == SQLITE_DONE) return std::optional<Reconciliation>();
    if (rc != SQLITE_ROW) return q.error("reconciliation");
    return std::optional<Reconciliation>(read_reconciliation(q));
  }

  Status put_reconciliation(const Reconciliation& r) override {
    auto q = query(
        "INSERT OR REPLACE INTO reconciliations (company, unseen_since_ms, unseen_until_ms, "
        "due_ms, attempts, last_error, reconciled_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(r.company);
    if (r.unseen_since_ms) {
      q.bind(*r.unseen_since_ms);
    } else {
      q.bind(std::optional<std::string>());
    }
    q.bind(r.unseen_until_ms).bind(r.due_ms).bind(r.attempts).bind(r.last_error);
    q.bind(r.reconciled_at_ms);
    return q.run();
  }

  Result<std::vector<Reconciliation>> owed_reconciliations() override {
    auto q = query(
        "SELECT company, unseen_since_ms, unseen_until_ms, due_ms, attempts, last_error, "
        "reconciled_at_ms "
        "FROM reconciliations WHERE unseen_since_ms IS NOT NULL ORDER BY company");
    std::vector<Reconciliation> out;
    for (int rc = q.step(); rc != SQLITE_DONE; rc = q.step()) {
      if (rc != SQLITE_ROW) return q.error("reconciliations");
      out.push_back(read_reconciliation(q));
    }
    return out;
  }

  Result<int64_t> alive_at_ms() override {
    auto q = query("SELECT alive_at_ms FROM heartbeat WHERE id = 1");
    const int rc = q.step();
    if (rc == SQLITE_DONE) return int64_t{0};
    if (rc != SQLITE_ROW) return q.error("heartbeat");
    return q.int64(0);
  }

  Status put_alive_at_ms(int64_t ms) override {
    auto q = query("INSERT OR REPLACE INTO heartbeat (id, alive_at_ms) VALUES (1, ?)");
    q.bind(ms);
    return q.run();
  }

 private:
  std::string seal(const std::string& connection_id, const char* column,
                   const std::string& value) const {
    HIRESYNC_CHECK(key_.has_value(), "a store that writes secrets was opened with a key");
    return seal_secret(*key_, value, secret_place(connection_id, column));
  }

  Result<std::string> open_sealed(const std::string& connection_id, const char* column,
                                  const std::string& sealed) const {
    HIRESYNC_CHECK(key_.has_value(), "a store that reads secrets was opened with a key");
    auto opened = open_secret(*key_, sealed, secret_place(connection_id, column));
    if (opened.ok()) return opened;
    // Never the value itself in the message: it may be a clear token.
    if (opened.status().code() == Status::Code::kInvalidArgument) {
      return Status::PermissionDenied(fmt::format(
          "connection {}: {} is not encrypted in a database whose secrets all are; refused",
          connection_id, column));
    }
    return Status::PermissionDenied(fmt::format(
        "connection {}: {} does not decrypt with this secrets key (another key, or the stored "
        "value was altered or moved from another row)",
        connection_id, column));
  }

  // The version-2 → 3 migration: every connection's clear secrets sealed.
  Status seal_clear_secrets() {
    struct Row {
      std::string id, access, refresh, signature;
    };
    std::vector<Row> rows;
    {
      auto q = query("SELECT id, access_token, refresh_token, signature_token FROM connections");
      for (int rc = q.step(); rc != SQLITE_DONE; rc = q.step()) {
        if (rc != SQLITE_ROW) return q.error("connections");
        rows.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
      }
    }
    if (!rows.empty() && !key_) {
      return Status::InvalidArgument("sealing the stored secrets needs the secrets key");
    }
    for (const Row& r : rows) {
      auto q = query(
          "UPDATE connections SET access_token = ?, refresh_token = ?, signature_token = ? "
          "WHERE id = ?");
      q.bind(seal(r.id, "access_token", r.access)).bind(seal(r.id, "refresh_token", r.refresh));
      q.bind(seal(r.id, "signature_token", r.signature)).bind(r.id);
      if (Status s = q.run(); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Seals the known text on a database's first open with a key, and opens it
  // on every later one: a wrong key is refused here, by name.
  Status check_key() {
    std::optional<std::string> sealed;
    {
      auto q = query("SELECT sealed FROM secrets_check WHERE id = 1");
      const int rc = q.step();
      if (rc == SQLITE_ROW)
        sealed = q.text(0);
      else if (rc != SQLITE_DONE)
        return q.error("secrets check");
    }
    if (!sealed) {
      auto q = query("INSERT INTO secrets_check (id, sealed) VALUES (1, ?)");
      q.bind(seal_secret(*key_, kKeyCheckText, kKeyCheckPlace));
      return q.run();
    }
    auto opened = open_secret(*key_, *sealed, kKeyCheckPlace);
    if (!opened.ok() || *opened != kKeyCheckText) {
      return Status::PermissionDenied(
          "wrong secrets key: this database's OAuth tokens and signing secrets were encrypted "
          "with another key (HIRESYNC_SECRETS_KEY or HIRESYNC_SECRETS_KEY_FILE)");
    }
    return Status::Ok();
  }

  static Reconciliation read_reconciliation(const Query& q) {
    Reconciliation r;
    r.company = q.text(0);
    if (!q.is_null(1)) r.unseen_since_ms = q.int64(1);
    r.unseen_until_ms = q.int64(2);
    r.due_ms = q.int64(3);
    r.attempts = static_cast<int>(q.int64(4));
    r.last_error = q.text(5);
    r.reconciled_at_ms = q.int64(6);
    return r;
  }

  Status exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) {
      return Status::Ok();
    }
    Status s = Status::Internal(fmt::format("sqlite: {}", message ? message : "error"));
    sqlite3_free(message);
    return s;
  }

  // Statements are prepared once and reused; the key is the SQL literal's address.
  Query query(const char* sql) {
    sqlite3_stmt*& stmt = statements_[sql];
    if (stmt == nullptr) {
      const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      // The SQL is ours and fixed; failing to prepare it is a programming error.
      HIRESYNC_CHECK(rc == SQLITE_OK, "the store's own SQL prepares");
    }
    return Query(db_, stmt);
  }

  Result<std::vector<Hire>> read_hires(Query& q) {
    std::vector<Hire> out;
    for (int rc = q.step(); rc != SQLITE_DONE; rc = q.step()) {
      if (rc != SQLITE_ROW) return q.error("hires");
      out.push_back(read_hire(q));
    }
    return out;
  }

  sqlite3* db_;
  std::optional<SecretsKey> key_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
  bool in_transaction_ = false;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // a file in WAL mode only
};

// A plain path (not ":memory:", not a "file:" URI) names a file on disk.
bool is_disk_path(const std::string& path) {
  return !path.empty() && path != ":memory:" && path.rfind("file:", 0) != 0;
}

// `s` with the database's path in front of its message, its code kept.
Status naming(const std::string& path, const Status& s) {
  std::string m = fmt::format("database {}: {}", path, s.message());
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(m));
    case Status::Code::kPermissionDenied:
      return Status::PermissionDenied(std::move(m));
    case Status::Code::kUnavailable:
      return Status::Unavailable(std::move(m));
    default:
      return Status::Internal(std::move(m));
  }
}

// Opens `path` with SQLite, and the store on it. `key` may be null only to
// format a fresh database.
Result<std::unique_ptr<SqliteStore>> open_store(const std::string& path, const SecretsKey* key) {
  if (is_disk_path(path)) {
    if (Status s = create_private_database_file(path); !s.ok()) return s;
  }
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Unavailable(fmt::format("cannot open database {}: {}", path, message));
  }
  auto store = std::make_unique<SqliteStore>(db, key);
  if (Status s = store->init(); !s.ok()) return naming(path, s);
  return store;
}

}  // namespace

Status create_private_database_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    return Status::Unavailable(
        fmt::format("cannot open database {}: {}", path, std::strerror(errno)));
  struct stat st {};
  int rc = ::fstat(fd, &st);
  // An existing file is narrowed too: it holds the store's state, and SQLite
  // gives its -wal and -shm files the database file's mode.
  if (rc == 0 && (st.st_mode & 077) != 0) rc = ::fchmod(fd, st.st_mode & 0700);
  const int err = errno;
  ::close(fd);
  if (rc != 0)
    return Status::Unavailable(
        fmt::format("cannot make database {} private (mode 0600): {}", path, std::strerror(err)));
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    const std::string side = path + suffix;
    if (::stat(side.c_str(), &st) == 0 && (st.st_mode & 077) != 0 &&
        ::chmod(side.c_str(), st.st_mode & 0700) != 0) {
      return Status::Unavailable(
          fmt::format("cannot make {} private (mode 0600): {}", side, std::strerror(errno)));
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SecretsKey& key) {
  auto store = open_store(path, &key);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

Status format_sqlite_database(const std::string& path) {
  return open_store(path, nullptr).status();
}

}  // namespace hiresync
