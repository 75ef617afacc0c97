// Issue 17: OAuth tokens and webhook signing secrets are encrypted at rest in
// the core's SQLite database (AES-256-GCM, the key never in the database),
// and the database file is private to its user.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/secret_box.h"
#include "adapters/secrets_key.h"
#include "adapters/sqlite_store.h"
#include "test_support.h"

namespace hiresync {
namespace {

namespace fs = std::filesystem;
using testing::test_secrets_key;

SecretsKey other_key() {
  std::array<unsigned char, SecretsKey::kSize> bytes{};
  bytes.fill(0x33);
  return SecretsKey(bytes);
}

// A private temporary folder, removed with what it holds when the test ends.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hiresync-secrets-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

Connection connection_named(const std::string& id, const std::string& tag) {
  Connection c;
  c.id = id;
  c.company = "acme";
  c.access_token = "access-token-" + tag;
  c.refresh_token = "refresh-token-" + tag;
  c.signature_token = "signature-secret-" + tag;
  c.webhook_id = "wh-" + tag;
  c.webhook_url = "http://core.test/webhooks/lever/" + id;
  return c;
}

// Runs SQL on the file directly, as someone with the file (not the key) could.
void raw_sql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(handle);
  REQUIRE(rc == SQLITE_OK);
}

std::string raw_text(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::string text;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return text;
}

void put(const fs::path& db, const SecretsKey& key, const std::vector<Connection>& connections) {
  auto store = open_sqlite_store(db.string(), key);
  REQUIRE(store.ok());
  for (const auto& c : connections) REQUIRE((*store)->put_connection(c).ok());
}

TEST_CASE("a sealed secret opens only with its key, its place and its bytes", "[secrets]") {
  const SecretsKey& key = test_secrets_key();
  const std::string sealed = seal_secret(key, "access-token-1", "connections/c1/access_token");
  CHECK(sealed.find("access-token-1") == std::string::npos);
  auto opened = open_secret(key, sealed, "connections/c1/access_token");
  REQUIRE(opened.ok());
  CHECK(*opened == "access-token-1");
  // A fresh nonce per value: the same secret sealed twice differs.
  CHECK(seal_secret(key, "access-token-1", "connections/c1/access_token") != sealed);

  CHECK(open_secret(other_key(), sealed, "connections/c1/access_token").status().code() ==
        Status::Code::kPermissionDenied);
  CHECK(open_secret(key, sealed, "connections/c2/access_token").status().code() ==
        Status::Code::kPermissionDenied);
  CHECK(open_secret(key, sealed, "connections/c1/refresh_token").status().code() ==
        Status::Code::kPermissionDenied);
  for (size_t at : {size_t{5}, sealed.size() / 2, sealed.size() - 1}) {
    std::string tampered = sealed;
    tampered[at] = tampered[at] == '0' ? '1' : '0';
    CAPTURE(at);
    CHECK_FALSE(open_secret(key, tampered, "connections/c1/access_token").ok());
  }
  CHECK(open_secret(key, "access-token-1", "connections/c1/access_token").status().code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("a secrets key is 32 bytes in hex or base64, and a bad one is not echoed", "[secrets]") {
  const std::string hex(64, 'a');
  auto from_hex = SecretsKey::parse(hex + "\n", "test");
  REQUIRE(from_hex.ok());
  CHECK(from_hex->data()[0] == 0xAA);
  // 32 bytes of 0xAA in base64, with and without its padding.
  const std::string b64 = "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo=";
  auto from_b64 = SecretsKey::parse(b64, "test");
  REQUIRE(from_b64.ok());
  CHECK(std::equal(from_b64->data(), from_b64->data() + 32, from_hex->data()));
  CHECK(SecretsKey::parse(b64.substr(0, 43), "test").ok());

  for (const std::string& bad : {std::string(62, 'a'), std::string(64, 'g'), std::string(""),
                                 std::string("hunter2-my-secret"), b64.substr(0, 42)}) {
    auto parsed = SecretsKey::parse(bad, "HIRESYNC_SECRETS_KEY");
    CAPTURE(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().message().find("HIRESYNC_SECRETS_KEY") != std::string::npos);
    if (!bad.empty()) CHECK(parsed.status().message().find(bad) == std::string::npos);
  }
}

TEST_CASE("a key file is used only when private to this user", "[secrets]") {
  TempDir dir;
  const fs::path file = dir.path / "secrets.key";
  { std::ofstream(file) << std::string(64, 'b') << "\n"; }
  REQUIRE(::chmod(file.c_str(), 0600) == 0);
  auto key = read_secrets_key_file(file.string());
  REQUIRE(key.ok());
  CHECK(key->data()[31] == 0xBB);

  REQUIRE(::chmod(file.c_str(), 0644) == 0);
  auto readable = read_secrets_key_file(file.string());
  REQUIRE_FALSE(readable.ok());
  CHECK(readable.status().message().find("mode 0644") != std::string::npos);
  REQUIRE(::chmod(file.c_str(), 0640) == 0);
  CHECK_FALSE(read_secrets_key_file(file.string()).ok());

  CHECK_FALSE(read_secrets_key_file((dir.path / "missing.key").string()).ok());
  CHECK_FALSE(read_secrets_key_file(dir.path.string()).ok());  // a folder
}

TEST_CASE("the environment names a key or a key file, never both", "[secrets]") {
  const std::string hex(64, 'c');
  auto none = secrets_key_from(nullptr, "");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  auto given = secrets_key_from(hex.c_str(), nullptr);
  REQUIRE(given.ok());
  REQUIRE(given->has_value());
  CHECK((**given).data()[0] == 0xCC);
  CHECK_FALSE(secrets_key_from(hex.c_str(), "/some/file").ok());
  CHECK_FALSE(secrets_key_from("short", nullptr).ok());
}

TEST_CASE("the database file holds no token or signing secret in clear, and is mode 0600",
          "[secrets]") {
  TempDir dir;
  const fs::path db = dir.path / "core.sqlite";
  const mode_t old_mask = ::umask(022);  // the usual umask, which would give 0644
  {
    auto store = open_sqlite_store(db.string(), test_secrets_key());
    ::umask(old_mask);
    REQUIRE(store.ok());
    REQUIRE((*store)->put_connection(connection_named("c1", "one")).ok());
    for (const char* file : {"core.sqlite", "core.sqlite-wal", "core.sqlite-shm"}) {
      CAPTURE(file);
      REQUIRE(fs::exists(dir.path / file));
      CHECK(mode_of(dir.path / file) == 0600);
      const std::string bytes = file_bytes(dir.path / file);
      for (const char* secret : {"access-token-one", "refresh-token-one", "signature-secret-one"})
        CHECK(bytes.find(secret) == std::string::npos);
    }
    auto read = (*store)->connection("c1");
    REQUIRE(read.ok());
    REQUIRE(read->has_value());
    CHECK((*read)->access_token == "access-token-one");
    CHECK((*read)->refresh_token == "refresh-token-one");
    CHECK((*read)->signature_token == "signature-secret-one");
  }
  const std::string bytes = file_bytes(db);
  CHECK(bytes.find("wh-one") != std::string::npos);  // the scan sees what is in clear
  CHECK(bytes.find("access-token-one") == std::string::npos);
  CHECK(bytes.find("refresh-token-one") == std::string::npos);
  CHECK(bytes.find("signature-secret-one") == std::string::npos);
}

TEST_CASE("an existing database file readable by others is narrowed to 0600", "[secrets]") {
  TempDir dir;
  const fs::path db = dir.path / "core.sqlite";
  { std::ofstream(db) << ""; }
  REQUIRE(::chmod(db.c_str(), 0644) == 0);
  REQUIRE(open_sqlite_store(db.string(), test_secrets_key()).ok());
  CHECK(mode_of(db) == 0600);
}

TEST_CASE("a database opened with another key is refused, saying so", "[secrets]") {
  TempDir dir;
  const fs::path db = dir.path / "core.sqlite";
  put(db, test_secrets_key(), {connection_named("c1", "one")});
  auto wrong = open_sqlite_store(db.string(), other_key());
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().code() == Status::Code::kPermissionDenied);
  CHECK(wrong.status().message().find("wrong secrets key") != std::string::npos);
  CHECK(wrong.status().message().find(db.string()) != std::string::npos);
  // The right key still opens it.
  REQUIRE(open_sqlite_store(db.string(), test_secrets_key()).ok());
}

TEST_CASE("an altered, moved or clear secret in the database is refused, never returned",
          "[secrets]") {
  TempDir dir;
  const fs::path db = dir.path / "core.sqlite";
  put(db, test_secrets_key(), {connection_named("c1", "one"), connection_named("c2", "two")});
  auto read = [&](const std::string& id) {
    auto store = open_sqlite_store(db.string(), test_secrets_key());
    REQUIRE(store.ok());
    return (*store)->connection(id);
  };
  REQUIRE(read("c1").ok());

  SECTION("a flipped byte of ciphertext") {
    std::string sealed = raw_text(db, "SELECT access_token FROM connections WHERE id = 'c1'");
    REQUIRE(looks_sealed(sealed));
    sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'a' ? 'b' : 'a';
    raw_sql(db, "UPDATE connections SET access_token = '" + sealed + "' WHERE id = 'c1'");
    auto tampered = read("c1");
    REQUIRE_FALSE(tampered.ok());
    CHECK(tampered.status().message().find("access_token does not decrypt") != std::string::npos);
  }
  SECTION("another row's value") {
    raw_sql(db,
            "UPDATE connections SET refresh_token = (SELECT refresh_token FROM connections "
            "WHERE id = 'c2') WHERE id = 'c1'");
    CHECK_FALSE(read("c1").ok());
    CHECK(read("c2").ok());
  }
  SECTION("another column's value") {
    raw_sql(db, "UPDATE connections SET signature_token = access_token WHERE id = 'c1'");
    CHECK_FALSE(read("c1").ok());
  }
  SECTION("a clear value written in") {
    raw_sql(db, "UPDATE connections SET access_token = 'planted-token' WHERE id = 'c1'");
    auto planted = read("c1");
    REQUIRE_FALSE(planted.ok());
    CHECK(planted.status().message().find("not encrypted") != std::string::npos);
    CHECK(planted.status().message().find("planted-token") == std::string::npos);
  }
}

TEST_CASE("a version-2 database's clear secrets are encrypted on open", "[secrets]") {
  TempDir dir;
  const fs::path db = dir.path / "core.sqlite";
  put(db, test_secrets_key(), {});
  // Version 2 is version 4 without the key check, its secrets in clear, and
  // without version 4's column.
  raw_sql(db,
          "DROP TABLE secrets_check; ALTER TABLE hires DROP COLUMN resend_of_ms; "
          "PRAGMA user_version = 2; "
          "INSERT INTO connections (id, company, access_token, refresh_token, "
          "access_expires_at_ms, webhook_id, webhook_url, signature_token, "
          "webhook_created_at_ms, webhook_verified, created_at_ms) VALUES "
          "('c1', 'acme', 'access-token-old', 'refresh-token-old', 5, 'wh-old', 'u', "
          "'signature-secret-old', 1, 1, 1)");
  REQUIRE(file_bytes(db).find("refresh-token-old") != std::string::npos);

  {
    auto store = open_sqlite_store(db.string(), test_secrets_key());
    REQUIRE(store.ok());
    auto c = (*store)->connection("c1");
    REQUIRE(c.ok());
    REQUIRE(c->has_value());
    CHECK((*c)->access_token == "access-token-old");
    CHECK((*c)->refresh_token == "refresh-token-old");
    CHECK((*c)->signature_token == "signature-secret-old");
  }
  CHECK(raw_text(db, "PRAGMA user_version") == "4");
  CHECK(raw_text(db,
                 "SELECT count(*) FROM pragma_table_info('hires') WHERE name = "
                 "'resend_of_ms'") == "1");
  // Overwritten, not just unlinked: the old cells are zeroed (secure_delete).
  const std::string bytes = file_bytes(db);
  CHECK(bytes.find("access-token-old") == std::string::npos);
  CHECK(bytes.find("refresh-token-old") == std::string::npos);
  CHECK(bytes.find("signature-secret-old") == std::string::npos);
  // Migrated with this key: another one is refused.
  CHECK_FALSE(open_sqlite_store(db.string(), other_key()).ok());
}

}  // namespace
}  // namespace hiresync
