// LoopbackServer: a cpp-httplib server on 127.0.0.1 with an OS-chosen port,
// tuned for many small requests. Used by the core's receiver and by the fakes.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "common/status.h"

namespace hiresync {

class LoopbackServer {
 public:
  // `threads`: the pool size. Each kept-alive connection holds one thread, so
  // it must exceed the number of clients that keep a connection open.
  explicit LoopbackServer(size_t threads = 4);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Register routes here before start().
  httplib::Server& routes() { return server_; }

  // Binds to 127.0.0.1:0 and serves on a background thread; clients may
  // connect as soon as it returns.
  hiresync::Status start();
  void stop();
  int port() const { return port_; }
  std::string base_url() const;

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  int port_ = 0;
};

}  // namespace hiresync
