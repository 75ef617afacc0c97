#include "adapters/sqlite_store.h"
#include "adapters/sqlite_memory_disk.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

namespace hiresync {
namespace {

// A database file that is removed (with its WAL) when the test ends.
struct TempDb {
  std::filesystem::path path;
  TempDb() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("hiresync-core-test-" + std::to_string(rd()) + std::to_string(rd()) + ".db");
  }
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ignored;
      std::filesystem::remove(path.string() + suffix, ignored);
    }
  }
};

std::unique_ptr<Store> open(const TempDb& db) {
  auto store = open_sqlite_store(db.path.string(), testing::test_secrets_key());
  REQUIRE(store.ok());
  return std::move(*store);
}

Connection sample_connection() {
  Connection c;
  c.id = "conn-1";
  c.company = "acme";
  c.access_token = "access-1";
  c.refresh_token = "refresh-1";
  c.access_expires_at_ms = 5000;
  c.webhook_id = "wh-1";
  c.webhook_url = "http://core.test/webhooks/lever/conn-1";
  c.signature_token = "sig-1";
  c.webhook_created_at_ms = 1000;
  c.webhook_verified = true;
  c.created_at_ms = 900;
  return c;
}

Hire sample_hire(const std::string& opportunity, int64_t due_ms) {
  Hire h;
  h.company = "acme";
  h.opportunity_id = opportunity;
  h.connection_id = "conn-1";
  h.state = HireState::kQueued;
  h.due_ms = due_ms;
  return h;
}

TEST_CASE("store keeps integrations, connections, hires and outbox across a reopen", "[store]") {
  TempDb db;
  int64_t hire_id = 0;
  {
    auto store = open(db);
    Integration i;
    i.company = "acme";
    i.status = IntegrationStatus::kAwaitingWebhook;
    i.last_error = "Lever did not grant access";
    i.connection_id = "conn-1";
    i.updated_at_ms = 42;
    REQUIRE(store->put_integration(i).ok());
    REQUIRE(store->put_connection(sample_connection()).ok());
    Hire h = sample_hire("opp-1", 100);
    h.state = HireState::kDone;
    h.attempts = 3;
    h.generation = 2;
    h.reason = "pending hire ph_1 created";
    h.request_body = R"({"first_name":"Jane"})";
    h.idempotency_key = "lever-hire:acme:opp-1:2";
    h.candidate_name = "Jane Doe";
    h.title = "Staff Engineer";
    h.pending_hire_id = "ph_1";
    h.review_url = "http://jw.test/review/ph_1";
    h.outbox_built = true;
    h.emails_sent = 1;
    h.updated_at_ms = 77;
    auto id = store->put_hire(h);
    REQUIRE(id.ok());
    hire_id = *id;
    OutboxEmail e;
    e.key = "lever-hire:acme:opp-1:2:mail:m-dana";
    e.hire_id = hire_id;
    e.seq = 0;
    e.to = "dana@acme.example";
    e.subject = "A candidate has been hired in Lever!";
    e.text = "Jane Doe has been hired";
    e.link = "http://jw.test/review/ph_1";
    e.state = OutboxState::kSent;
    e.updated_at_ms = 78;
    REQUIRE(store->put_outbox_email(e).ok());
  }
  auto store = open(db);

  auto i = store->integration("acme");
  REQUIRE(i.ok());
  REQUIRE(i->has_value());
  CHECK((*i)->status == IntegrationStatus::kAwaitingWebhook);
  CHECK((*i)->last_error == std::optional<std::string>("Lever did not grant access"));
  CHECK((*i)->connection_id == "conn-1");

  auto c = store->connection("conn-1");
  REQUIRE(c.ok());
  REQUIRE(c->has_value());
  CHECK((*c)->refresh_token == "refresh-1");
  CHECK((*c)->signature_token == "sig-1");
  CHECK((*c)->webhook_verified);
  CHECK((*c)->access_expires_at_ms == 5000);

  auto h = store->hire("acme", "opp-1");
  REQUIRE(h.ok());
  REQUIRE(h->has_value());
  CHECK((*h)->id == hire_id);
  CHECK((*h)->state == HireState::kDone);
  CHECK((*h)->generation == 2);
  CHECK((*h)->request_body == R"({"first_name":"Jane"})");
  CHECK((*h)->pending_hire_id == "ph_1");
  CHECK((*h)->outbox_built);
  CHECK((*h)->emails_sent == 1);

  auto outbox = store->outbox_of(hire_id);
  REQUIRE(outbox.ok());
  REQUIRE(outbox->size() == 1);
  CHECK(outbox->front().state == OutboxState::kSent);
  CHECK(outbox->front().to == "dana@acme.example");
}

TEST_CASE("store rolls back every write of a failed transaction", "[store]") {
  TempDb db;
  auto store = open(db);
  REQUIRE(store->put_connection(sample_connection()).ok());

  // A token rotation that dies half-way leaves the old pair, not half of the new.
  Status s = store->atomically([&]() -> Status {
    Connection c = sample_connection();
    c.access_token = "access-2";
    c.refresh_token = "refresh-2";
    if (Status put = store->put_connection(c); !put.ok()) return put;
    return Status::Internal("crash before commit");
  });
  CHECK_FALSE(s.ok());
  auto c = store->connection("conn-1");
  REQUIRE(c.ok());
  CHECK((*c)->refresh_token == "refresh-1");
  CHECK((*c)->access_token == "access-1");
}

TEST_CASE("store commits a rotated token pair together", "[store]") {
  TempDb db;
  {
    auto store = open(db);
    REQUIRE(store->put_connection(sample_connection()).ok());
    Status s = store->atomically([&]() -> Status {
      Connection c = sample_connection();
      c.access_token = "access-2";
      c.refresh_token = "refresh-2";
      return store->put_connection(c);
    });
    REQUIRE(s.ok());
  }
  auto store = open(db);
  auto c = store->connection("conn-1");
  REQUIRE(c.ok());
  CHECK((*c)->access_token == "access-2");
  CHECK((*c)->refresh_token == "refresh-2");
}

TEST_CASE("store hands out an OAuth state once", "[store]") {
  TempDb db;
  auto store = open(db);
  REQUIRE(store->put_oauth_state({"state-1", "acme", "dana@acme.example", 600000}).ok());
  auto first = store->take_oauth_state("state-1");
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  CHECK((*first)->company == "acme");
  CHECK((*first)->member_email == "dana@acme.example");
  auto second = store->take_oauth_state("state-1");
  REQUIRE(second.ok());
  CHECK_FALSE(second->has_value());
}

TEST_CASE("store remembers delivery tokens per connection", "[store]") {
  TempDb db;
  auto store = open(db);
  CHECK(*store->remember_delivery("conn-1", "tok-1", 1));
  CHECK_FALSE(*store->remember_delivery("conn-1", "tok-1", 2));
  CHECK(*store->remember_delivery("conn-2", "tok-1", 3));
}

TEST_CASE("store lists due hires by due time, then id, and only queued or running ones",
          "[store]") {
  TempDb db;
  auto store = open(db);
  REQUIRE(store->put_hire(sample_hire("opp-late", 300)).ok());
  REQUIRE(store->put_hire(sample_hire("opp-a", 100)).ok());
  REQUIRE(store->put_hire(sample_hire("opp-b", 100)).ok());
  Hire done = sample_hire("opp-done", 50);
  done.state = HireState::kDone;
  REQUIRE(store->put_hire(done).ok());
  Hire running = sample_hire("opp-running", 200);
  running.state = HireState::kRunning;
  REQUIRE(store->put_hire(running).ok());

  auto due = store->due_hires(250, 10);
  REQUIRE(due.ok());
  std::vector<std::string> order;
  for (const auto& h : *due) order.push_back(h.opportunity_id);
  CHECK(order == std::vector<std::string>{"opp-a", "opp-b", "opp-running"});
  auto next = store->next_due_ms();
  REQUIRE(next.ok());
  CHECK(*next == std::optional<int64_t>(100));
}

TEST_CASE("store reopens a file whose writer never closed it", "[store]") {
  TempDb db;
  auto first = open(db);
  REQUIRE(first->put_hire(sample_hire("opp-1", 10)).ok());
  // The first handle is still open (a killed process never closes it).
  auto second = open(db);
  auto h = second->hire("acme", "opp-1");
  REQUIRE(h.ok());
  CHECK(h->has_value());
}

}  // namespace
}  // namespace hiresync

namespace hiresync {
namespace {

TEST_CASE("memory disks start formatted and empty, and never share a write", "[store]") {
  auto first = SqliteMemoryDisk::create();
  auto second = SqliteMemoryDisk::create();
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  {
    auto store = (*first)->open_store(testing::test_secrets_key());
    REQUIRE(store.ok());
    Integration i;
    i.company = "acme";
    i.status = IntegrationStatus::kConnected;
    i.connection_id = "conn-1";
    REQUIRE((*store)->put_integration(i).ok());
  }
  // A restart's store finds the commit; the other disk never saw it.
  auto reopened = (*first)->open_store(testing::test_secrets_key());
  REQUIRE(reopened.ok());
  auto found = (*reopened)->integration("acme");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->connection_id == "conn-1");

  auto other = (*second)->open_store(testing::test_secrets_key());
  REQUIRE(other.ok());
  auto missing = (*other)->integration("acme");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
  // Formatted: the schema is there, so a due-hire query works at once.
  auto due = (*other)->due_hires(0, 10);
  REQUIRE(due.ok());
  CHECK(due->empty());
}

TEST_CASE("a memory disk saved to a file opens as a store with its commits", "[store]") {
  TempDb file;
  auto disk = SqliteMemoryDisk::create();
  REQUIRE(disk.ok());
  {
    auto store = (*disk)->open_store(testing::test_secrets_key());
    REQUIRE(store.ok());
    REQUIRE((*store)->put_connection(sample_connection()).ok());
  }
  REQUIRE((*disk)->save_to(file.path.string()).ok());
  REQUIRE(std::filesystem::is_regular_file(file.path));

  auto saved = open(file);
  auto connection = saved->connection("conn-1");
  REQUIRE(connection.ok());
  REQUIRE(connection->has_value());
  CHECK((*connection)->refresh_token == "refresh-1");
}

TEST_CASE("a saved copy has its text values rewritten, the disk itself not", "[store]") {
  TempDb file;
  auto disk = SqliteMemoryDisk::create();
  REQUIRE(disk.ok());
  int64_t hire_id = 0;
  {
    auto store = (*disk)->open_store(testing::test_secrets_key());
    REQUIRE(store.ok());
    Hire h;
    h.company = "acme";
    h.opportunity_id = "opp-jane";
    h.review_url = "http://127.0.0.1:4561/review/ph_1";
    auto id = (*store)->put_hire(h);
    REQUIRE(id.ok());
    hire_id = *id;
    OutboxEmail e;
    e.key = "k1";
    e.hire_id = hire_id;
    e.seq = 1;
    e.to = "dana@acme.example";
    e.subject = "A candidate has been hired in Lever!";
    // Another port that starts with the same digits stays as it is.
    e.text = "Review: http://127.0.0.1:4561/review/ph_1 (not http://127.0.0.1:45617/x)";
    e.link = "http://127.0.0.1:4561/review/ph_1";
    REQUIRE((*store)->put_outbox_email(e).ok());
  }
  // The simulator's rewrite is scenario/server_names.h; this one renames one
  // URL where a '/' follows it.
  auto rename = [](std::string& text) {
    const std::string from = "http://127.0.0.1:4561/", to = "http://justworks.sim/";
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  REQUIRE((*disk)->save_to(file.path.string(), rename).ok());

  auto saved = open(file);
  auto outbox = saved->outbox_of(hire_id);
  REQUIRE(outbox.ok());
  REQUIRE(outbox->size() == 1);
  CHECK(outbox->at(0).link == "http://justworks.sim/review/ph_1");
  CHECK(outbox->at(0).text ==
        "Review: http://justworks.sim/review/ph_1 (not http://127.0.0.1:45617/x)");
  auto hires = saved->hires_of("acme");
  REQUIRE(hires.ok());
  REQUIRE(hires->size() == 1);
  CHECK(hires->at(0).review_url == "http://justworks.sim/review/ph_1");
  // The memory disk itself keeps the real URL: only the copy is renamed.
  auto live = (*disk)->open_store(testing::test_secrets_key());
  REQUIRE(live.ok());
  CHECK((*live)->outbox_of(hire_id)->at(0).link == "http://127.0.0.1:4561/review/ph_1");
}

}  // namespace
}  // namespace hiresync
