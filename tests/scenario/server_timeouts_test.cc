// Issue 17: an idle or half-open connection to any of a world's servers (the
// core, the fake Lever, the fake Justworks) is closed within the server's
// timeouts, a normal request is answered meanwhile, and the threads the
// connections held go back to the cache, which then lets the extras go.
// Real sockets and real time: the timeouts here are short (a second at most).
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "adapters/thread_cache.h"
#include "scenario/sim_world.h"
#include "scenario/world_spec.h"

namespace sim {
namespace {

using Clock = std::chrono::steady_clock;

int port_of(const std::string& base_url) {
  return std::stoi(base_url.substr(base_url.rfind(':') + 1));
}

// A client socket connected to 127.0.0.1:`port` that sends `bytes` and then
// nothing more.
int open_stalled(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  if (!bytes.empty()) REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) > 0);
  return fd;
}

// Waits until the server has closed every socket (end of stream or reset),
// at most `limit`; returns how many are still open.
size_t wait_closed(std::vector<int>& fds, Clock::duration limit) {
  const auto deadline = Clock::now() + limit;
  std::vector<bool> closed(fds.size(), false);
  size_t open = fds.size();
  while (open > 0 && Clock::now() < deadline) {
    std::vector<pollfd> polls;
    for (size_t i = 0; i < fds.size(); ++i)
      if (!closed[i]) polls.push_back({fds[i], POLLIN, 0});
    if (::poll(polls.data(), polls.size(), 50) <= 0) continue;
    for (const pollfd& p : polls) {
      if (p.revents == 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(p.fd, buffer, sizeof(buffer), MSG_DONTWAIT);
      if (n > 0) continue;  // a 400 or 408 first, then the close
      for (size_t i = 0; i < fds.size(); ++i) {
        if (fds[i] == p.fd && !closed[i]) {
          closed[i] = true;
          --open;
        }
      }
    }
  }
  for (int fd : fds) ::close(fd);
  fds.clear();
  return open;
}

TEST_CASE("idle and half-open connections to every server are closed and their threads return",
          "[hostile]") {
  auto spec = source_fixture("acme");
  REQUIRE(spec.ok());
  WorldOptions options;
  options.server_timeouts.read = std::chrono::milliseconds(300);
  options.server_timeouts.write = std::chrono::milliseconds(300);
  options.server_timeouts.keep_alive_s = 1;
  auto world = SimWorld::create(*spec, 1, options);
  REQUIRE(world.ok());
  hiresync::ThreadCache& cache = hiresync::ThreadCache::shared();
  // A small reserve, quickly let go, for this test only.
  cache.set_reserve({/*keep_idle=*/4, /*linger=*/std::chrono::milliseconds(100)});
  struct Restore {
    ~Restore() { hiresync::ThreadCache::shared().set_reserve({}); }
  } restore;

  const std::vector<std::pair<std::string, std::string>> servers = {
      {"core", (*world)->core().base_url()},
      {"fake Lever", (*world)->lever().base_url()},
      {"fake Justworks", (*world)->justworks().base_url()}};
  // Never a byte; a request line and half its headers; headers and a third
  // of a promised body.
  const std::vector<std::string> stalls = {
      "", "GET /integrations HTTP/1.1\r\nHost: x\r\n",
      "POST /webhooks/lever/x HTTP/1.1\r\nHost: x\r\nContent-Length: 90\r\n\r\n{\"a\":"};
  constexpr int kEach = 20;  // per kind and server: 180 connections in all

  // One at a time, each taken by its server before the next: cpp-httplib
  // 0.11.4 listens with a backlog of 5, and a burst beyond it waits in the
  // kernel's SYN-ACK retries (1 s, 3 s, 7 s...), not in the server.
  size_t most_busy = 0;
  std::vector<int> fds;
  for (const auto& [name, url] : servers) {
    for (const std::string& stall : stalls) {
      for (int i = 0; i < kEach; ++i) {
        const size_t busy = cache.threads() - cache.idle();
        fds.push_back(open_stalled(port_of(url), stall));
        const auto until = Clock::now() + std::chrono::milliseconds(50);
        while (cache.threads() - cache.idle() <= busy && Clock::now() < until)
          std::this_thread::yield();
        most_busy = std::max(most_busy, cache.threads() - cache.idle());
      }
    }
  }
  const auto opened = Clock::now();
  CHECK(most_busy >= static_cast<size_t>(kEach));  // the held connections hold threads

  // Held connections starve no one: each server still answers at once.
  for (const auto& [name, url] : servers) {
    CAPTURE(name);
    httplib::Client client(url);
    client.set_read_timeout(std::chrono::seconds(2));
    auto answer = client.Get("/no-such-page");
    REQUIRE(answer);
    CHECK(answer->status == 404);
  }
  const size_t peak_threads = cache.threads();

  // The idle ones go 1 s after they were taken (the keep-alive), the stalled
  // ones after the 300 ms read timeout; 2 s leaves room for a loaded machine.
  CHECK(wait_closed(fds, std::chrono::seconds(2)) == 0);
  const auto closed_after = Clock::now() - opened;
  CHECK(closed_after < std::chrono::milliseconds(2000));

  // The connections' threads return, and all but the reserve's few idle ones
  // go once they have waited their linger: three run the accept loops.
  const auto deadline = Clock::now() + std::chrono::seconds(2);
  while (cache.threads() > 3 + 4 && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CAPTURE(peak_threads, most_busy);
  CHECK(cache.threads() <= 3 + 4);
}

}  // namespace
}  // namespace sim
