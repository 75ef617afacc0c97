#include "adapters/http_server.h"

#include <sys/socket.h>

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
  set_timeouts(ServerTimeouts());
  // cpp-httplib's default adds SO_REUSEPORT, which would let a second server
  // asked for a port already in use bind it and share its connections; with
  // SO_REUSEADDR alone that second one fails to start, as it should.
  server_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
}

void LoopbackServer::set_timeouts(const ServerTimeouts& timeouts) {
  // Set explicitly, not left to the compiled library's defaults: every open
  // connection holds a thread, so each way a connection can stall must end.
  server_.set_read_timeout(timeouts.read);
  server_.set_write_timeout(timeouts.write);
  server_.set_keep_alive_timeout(timeouts.keep_alive_s);
  server_.set_keep_alive_max_count(timeouts.keep_alive_max_count);
  // No idle interval: with one, the accept loop polls the listening socket
  // between accepts, and a stop() landing between its check of the socket
  // and its poll leaves it polling the closed socket (-1) for the whole
  // interval: a stop took a second at random (one scenario in a hundred
  // under load). Without it the loop blocks in accept(), which stop()'s
  // shutdown of the socket ends at once. Idle threads leave the cache on
  // their own (ThreadCache::Reserve).
  server_.set_idle_interval(0);
}

LoopbackServer::~LoopbackServer() { stop(); }

Status LoopbackServer::start(const std::string& host, int port) {
  host_ = host;
  port_ = port == 0 ? server_.bind_to_any_port(host.c_str())
                    : (server_.bind_to_port(host.c_str(), port) ? port : -1);
  if (port_ <= 0) return Status::Unavailable(fmt::format("cannot listen on {}:{}", host, port));
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

std::string LoopbackServer::base_url() const { return fmt::format("http://{}:{}", host_, port_); }

}  // namespace hiresync
