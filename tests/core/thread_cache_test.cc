// The shared thread cache under the loopback servers: it must never starve a
// task, and it must reuse its threads.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/http_server.h"
#include "adapters/thread_cache.h"

namespace hiresync {
namespace {

TEST_CASE("thread cache runs every blocked task at once, however many there are", "[adapters]") {
  ThreadCache cache;
  TaskGroup group(cache);
  constexpr int kTasks = 24;
  std::mutex mu;
  std::condition_variable all_started;
  int started = 0;
  // Each task waits for all the others to start: a fixed pool smaller than
  // kTasks would wait forever.
  for (int i = 0; i < kTasks; ++i) {
    group.run([&] {
      std::unique_lock lock(mu);
      ++started;
      all_started.notify_all();
      all_started.wait(lock, [&] { return started == kTasks; });
    });
  }
  group.wait();
  CHECK(started == kTasks);
  CHECK(cache.threads() == static_cast<size_t>(kTasks));
}

TEST_CASE("thread cache reuses an idle thread instead of starting another", "[adapters]") {
  ThreadCache cache;
  TaskGroup group(cache);
  std::atomic<int> ran{0};
  for (int i = 0; i < 50; ++i) {
    group.run([&] { ++ran; });
    group.wait();
    // The task is done; its thread is back waiting a moment later.
    while (cache.idle() != cache.threads()) std::this_thread::yield();
  }
  CHECK(ran == 50);
  CHECK(cache.threads() == 1);
}

TEST_CASE("thread cache lets idle threads beyond its reserve go, and still runs tasks after",
          "[adapters]") {
  ThreadCache cache({/*keep_idle=*/3, /*linger=*/std::chrono::milliseconds(20)});
  TaskGroup group(cache);
  // Ten tasks at once need ten threads; none leaves while it runs a task,
  // however long past its linger.
  std::atomic<int> started{0};
  std::atomic<bool> release{false};
  for (int i = 0; i < 10; ++i) {
    group.run([&] {
      ++started;
      while (!release) std::this_thread::yield();
    });
  }
  while (started != 10) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  CHECK(cache.threads() == 10);
  release = true;
  group.wait();

  // Idle, seven of them wait out their linger and end; three stay.
  while (cache.threads() != 3) std::this_thread::yield();
  while (cache.idle() != 3) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  CHECK(cache.threads() == 3);

  std::atomic<int> ran{0};
  for (int i = 0; i < 5; ++i) group.run([&] { ++ran; });
  group.wait();
  CHECK(ran == 5);
}

TEST_CASE("a stopped loopback server returns at once, however soon after its start", "[adapters]") {
  // With an idle interval, cpp-httplib's accept loop could poll the closed
  // socket for the whole interval when stop() came between its check and its
  // poll. Servers started and stopped at once on busy cores hit that window:
  // four threads of them, beside two threads that only spin.
  std::atomic<bool> done{false};
  std::vector<std::thread> spinners;
  for (int i = 0; i < 2; ++i)
    spinners.emplace_back([&] {
      while (!done) {
      }
    });
  std::atomic<int> slow_stops{0};
  std::vector<std::thread> starters;
  for (int t = 0; t < 4; ++t)
    starters.emplace_back([&] {
      for (int i = 0; i < 150; ++i) {
        LoopbackServer server;
        if (!server.start().ok()) continue;
        const auto stopping = std::chrono::steady_clock::now();
        server.stop();
        // A stop is a few syscalls; the window cost a whole idle interval.
        if (std::chrono::steady_clock::now() - stopping > std::chrono::milliseconds(500))
          ++slow_stops;
      }
    });
  for (auto& t : starters) t.join();
  done = true;
  for (auto& t : spinners) t.join();
  CHECK(slow_stops == 0);
}

TEST_CASE("a loopback server answers more kept-alive clients than it has ever had threads",
          "[adapters]") {
  LoopbackServer server;
  server.routes().Get("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("pong", "text/plain");
  });
  REQUIRE(server.start().ok());
  // Every client keeps its connection, and with it a server thread.
  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int i = 0; i < 12; ++i) {
    auto client = std::make_unique<httplib::Client>(server.base_url());
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    client->set_read_timeout(std::chrono::seconds(2));
    auto res = client->Get("/ping");
    REQUIRE(res);
    CHECK(res->body == "pong");
    clients.push_back(std::move(client));
  }
  // Hang up before stopping: a kept-alive connection holds the server.
  clients.clear();
  server.stop();
}

}  // namespace
}  // namespace hiresync
