// LoopbackServer: a cpp-httplib server on 127.0.0.1 with an OS-chosen port
// (or the address and port asked for), tuned for many small requests. Used by
// the core's receiver, the fakes and `hiresim serve`'s inspector.
// Its accept loop and its connections run on the process's ThreadCache, so
// starting and stopping a server creates no thread once the cache is warm,
// and no number of kept-alive clients can starve it.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include <httplib.h>

#include "adapters/thread_cache.h"
#include "common/status.h"

namespace hiresync {

// How long a connection may sit without progress before the server closes it
// and its thread goes back to the cache. cpp-httplib 0.11.4 is a compiled
// library, so these are its runtime setters; its #defines change nothing.
struct ServerTimeouts {
  // Each read of a request (line, header, body chunk) waits at most this:
  // a half-open connection, or one that stops mid-request, is closed after it.
  std::chrono::milliseconds read{5000};
  // Each write of a response waits at most this for a peer that stops reading.
  std::chrono::milliseconds write{5000};
  // An idle kept-alive connection waiting for its next request is closed
  // after this many seconds (httplib takes whole seconds; 0 closes a
  // connection whose request has not arrived within ~10 ms).
  int keep_alive_s = 5;
  // Requests served on one connection before it is closed.
  size_t keep_alive_max_count = 100000;
};

class LoopbackServer {
 public:
  LoopbackServer();
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Register routes here before start().
  httplib::Server& routes() { return server_; }
  // REQUIRES: before start(). The defaults are ServerTimeouts()'s.
  void set_timeouts(const ServerTimeouts& timeouts);

  // Binds `host`:`port` (port 0: the OS picks) and serves in the background;
  // clients may connect as soon as it returns.
  hiresync::Status start(const std::string& host = "127.0.0.1", int port = 0);
  // Stops accepting and waits until every connection's task has ended: a
  // kept-alive connection ends when its client hangs up (or after httplib's
  // keep-alive timeout), so hang up before stopping.
  void stop();
  int port() const { return port_; }
  std::string base_url() const;

 private:
  httplib::Server server_;
  TaskGroup listener_{ThreadCache::shared()};
  bool started_ = false;
  std::atomic<bool> listen_returned_{false};
  std::string host_ = "127.0.0.1";
  int port_ = 0;
};

}  // namespace hiresync
