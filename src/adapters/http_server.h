// LoopbackServer: a cpp-httplib server on 127.0.0.1 with an OS-chosen port,
// tuned for many small requests. Used by the core's receiver and by the fakes.
// Its accept loop and its connections run on the process's ThreadCache, so
// starting and stopping a server creates no thread once the cache is warm,
// and no number of kept-alive clients can starve it.
#pragma once

#include <atomic>
#include <string>

#include <httplib.h>

#include "adapters/thread_cache.h"
#include "common/status.h"

namespace hiresync {

class LoopbackServer {
 public:
  LoopbackServer();
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Register routes here before start().
  httplib::Server& routes() { return server_; }

  // Binds to 127.0.0.1:0 and serves in the background; clients may connect
  // as soon as it returns.
  hiresync::Status start();
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
  int port_ = 0;
};

}  // namespace hiresync
