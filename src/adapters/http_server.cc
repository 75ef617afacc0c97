#include "adapters/http_server.h"

#include <fmt/format.h>

namespace hiresync {
namespace {

// httplib's view of the shared cache for one server. The server calls
// shutdown() when its accept loop ends and then deletes the queue, so
// shutdown() waits for this server's connections only.
class CachedTaskQueue final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { connections_.run(std::move(fn)); }
  void shutdown() override { connections_.wait(); }

 private:
  TaskGroup connections_{ThreadCache::shared()};
};

}  // namespace

LoopbackServer::LoopbackServer() {
  // Without TCP_NODELAY every response waits for the peer's delayed ACK (~40 ms).
  server_.set_tcp_nodelay(true);
  server_.new_task_queue = [] { return new CachedTaskQueue(); };
  server_.set_keep_alive_max_count(100000);
}

LoopbackServer::~LoopbackServer() { stop(); }

Status LoopbackServer::start() {
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return Status::Unavailable("cannot bind a loopback port");
  // The socket already listens, so clients may connect at once; the accept
  // loop starts on its own time.
  started_ = true;
  listener_.run([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  return Status::Ok();
}

void LoopbackServer::stop() {
  if (!started_) return;
  started_ = false;
  // httplib's stop() only takes effect once the accept loop runs. Waiting
  // for that here rather than in start() costs nothing in practice: by the
  // time a server is stopped its loop has long been running.
  while (!server_.is_running() && !listen_returned_) std::this_thread::yield();
  server_.stop();
  listener_.wait();
}

std::string LoopbackServer::base_url() const { return fmt::format("http://127.0.0.1:{}", port_); }

}  // namespace hiresync
