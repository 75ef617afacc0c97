#include "adapters/http_server.h"

#include <fmt/format.h>

namespace hiresync {

LoopbackServer::LoopbackServer(size_t threads) {
  // Without TCP_NODELAY every response waits for the peer's delayed ACK (~40 ms).
  server_.set_tcp_nodelay(true);
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_.set_keep_alive_max_count(100000);
}

LoopbackServer::~LoopbackServer() { stop(); }

Status LoopbackServer::start() {
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return Status::Unavailable("cannot bind a loopback port");
  // The socket already listens, so clients may connect at once; the accept
  // loop starts on its own time.
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  return Status::Ok();
}

void LoopbackServer::stop() {
  if (thread_.joinable()) {
    // httplib's stop() only takes effect once the accept loop runs. Waiting
    // for that here rather than in start() costs nothing in practice: by the
    // time a server is stopped its loop has long been running.
    while (!server_.is_running() && !listen_returned_) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
}

std::string LoopbackServer::base_url() const { return fmt::format("http://127.0.0.1:{}", port_); }

}  // namespace hiresync
