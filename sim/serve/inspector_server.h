// InspectorServer: the server `hiresim serve` prints first — the inspector
// and the control API — on the address and port the person chose. (The
// project's LoopbackServer, which the fakes and the core use, binds only
// 127.0.0.1 on a port the OS picks.)
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include <httplib.h>

#include "common/status.h"

namespace sim::serve {

class InspectorServer {
 public:
  InspectorServer();
  ~InspectorServer();
  InspectorServer(const InspectorServer&) = delete;
  InspectorServer& operator=(const InspectorServer&) = delete;

  // Register routes here before start().
  httplib::Server& routes() { return server_; }
  // Binds `host`:`port` (0: the OS picks) and serves on a thread of its own.
  hiresync::Status start(const std::string& host, int port);
  // Stops accepting and waits for the connections to end.
  void stop();
  int port() const { return port_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  int port_ = 0;
};

}  // namespace sim::serve
