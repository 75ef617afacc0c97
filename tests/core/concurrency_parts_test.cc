// Issue 20: the parts the concurrent worker stands on — its thread pool, the
// claims that hand each due hire to exactly one worker, and the person locks
// that keep HIRE-5's read-then-create whole. The core with eight workers end
// to end is tests/scenario/concurrent_core_test.cc.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "adapters/sqlite_memory_disk.h"
#include "ports/crash_points.h"
#include "ports/guarded_store.h"
#include "sync/hire_claims.h"
#include "sync/person_locks.h"
#include "sync/worker_pool.h"
#include "test_support.h"

namespace hiresync {
namespace {

TEST_CASE("a worker pool runs the body on every worker at once, round after round",
          "[concurrency]") {
  WorkerPool pool(4);
  for (int round = 0; round < 3; ++round) {
    std::atomic<int> arrived{0};
    std::mutex mu;
    std::set<std::thread::id> threads;
    std::set<int> workers;
    pool.run([&](int worker) {
      {
        std::lock_guard lock(mu);
        threads.insert(std::this_thread::get_id());
        workers.insert(worker);
      }
      // Each waits for all four: only threads running together get past.
      ++arrived;
      while (arrived < 4) std::this_thread::yield();
    });
    CHECK(threads.size() == 4);
    CHECK(workers == std::set<int>{0, 1, 2, 3});
  }
}

TEST_CASE("what a pool worker throws reaches the caller of run", "[concurrency]") {
  WorkerPool pool(3);
  CHECK_THROWS_AS(pool.run([](int worker) {
    if (worker == 2) throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  int ran = 0;
  std::mutex mu;
  pool.run([&](int) {
    std::lock_guard lock(mu);
    ++ran;
  });
  CHECK(ran == 3);  // the pool still works
}

struct ClaimsFixture {
  ClaimsFixture() {
    auto d = SqliteMemoryDisk::create();
    REQUIRE(d.ok());
    disk = std::move(*d);
    auto s = disk->open_store(testing::test_secrets_key());
    REQUIRE(s.ok());
    store = std::move(*s);
    guarded = std::make_unique<GuardedStore>(*store, crash);
  }
  int64_t add(const std::string& opportunity, int64_t due_ms) {
    Hire h;
    h.company = "acme";
    h.opportunity_id = opportunity;
    h.due_ms = due_ms;
    auto id = store->put_hire(h);
    REQUIRE(id.ok());
    return *id;
  }
  testing::TestLog log;
  CrashPoints crash{log};
  std::unique_ptr<SqliteMemoryDisk> disk;
  std::unique_ptr<Store> store;
  std::unique_ptr<GuardedStore> guarded;
};

TEST_CASE("eight workers claiming at once win each due hire exactly once", "[concurrency]") {
  ClaimsFixture f;
  for (int i = 0; i < 300; ++i) f.add(fmt::format("opp-{}", i), 1000 + i);
  f.add("opp-later", 5000);  // not due yet
  HireClaims claims(*f.guarded, 8);
  claims.begin_round(2000);
  std::mutex mu;
  std::map<int64_t, int> wins;
  std::atomic<int> store_failures{0};  // Catch2's assertions are for the test's own thread
  WorkerPool pool(8);
  pool.run([&](int) {
    while (auto hire = claims.claim()) {
      {
        std::lock_guard lock(mu);
        ++wins[hire->id];
      }
      hire->state = HireState::kDone;  // as the worker stores each run's outcome
      if (!f.guarded->call([&](Store& db) { return db.put_hire(*hire); }).ok()) ++store_failures;
    }
  });
  REQUIRE(store_failures == 0);
  CHECK(wins.size() == 300);
  CHECK(std::all_of(wins.begin(), wins.end(), [](const auto& w) { return w.second == 1; }));
  CHECK(claims.claimed() == 300);
}

TEST_CASE("a hire still due after its run waits for the next round", "[concurrency]") {
  ClaimsFixture f;
  const int64_t jane = f.add("opp-jane", 1000);
  const int64_t omar = f.add("opp-omar", 1001);
  HireClaims claims(*f.guarded, 1);
  claims.begin_round(2000);
  std::vector<int64_t> first;
  while (auto h = claims.claim()) first.push_back(h->id);  // nothing stored: both stay due
  CHECK(first == std::vector<int64_t>{jane, omar});
  claims.begin_round(2000);
  std::vector<int64_t> second;
  while (auto h = claims.claim()) second.push_back(h->id);
  CHECK(second == first);
}

TEST_CASE("person locks hold overlapping keys one at a time, disjoint ones together",
          "[concurrency]") {
  PersonLocks locks;
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        // Contact or email: each thread's keys overlap every other's in one.
        auto held = locks.hold(t % 2 == 0 ? std::set<std::string>{"contact:c1", "email:a"}
                                          : std::set<std::string>{"contact:c2", "email:a"});
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(most == 1);

  auto a = locks.hold({"contact:c1"});
  std::atomic<bool> got{false};
  std::thread other([&] {
    auto b = locks.hold({"contact:c2"});  // disjoint: no wait
    got = true;
  });
  other.join();
  CHECK(got);
  a.release();
  auto again = locks.hold({"contact:c1"});  // released: free again
  SUCCEED();
}

}  // namespace
}  // namespace hiresync
