#include "serve/inspector_server.h"

#include <sys/socket.h>

#include <fmt/format.h>

namespace sim::serve {
namespace {

// Each open inspector holds one connection for its event stream; a few
// browsers and scripts must not leave the page's own requests waiting.
constexpr size_t kThreads = 32;

}  // namespace

InspectorServer::InspectorServer() {
  // Without TCP_NODELAY every response waits for the peer's delayed ACK (~40 ms).
  server_.set_tcp_nodelay(true);
  server_.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  // cpp-httplib's default adds SO_REUSEPORT, which lets a second `serve
  // --port N` bind a port already in use and share its connections; with
  // SO_REUSEADDR alone that second one fails to start, as it should.
  server_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
}

InspectorServer::~InspectorServer() { stop(); }

hiresync::Status InspectorServer::start(const std::string& host, int port) {
  port_ = port == 0 ? server_.bind_to_any_port(host.c_str())
                    : (server_.bind_to_port(host.c_str(), port) ? port : -1);
  if (port_ <= 0)
    return hiresync::Status::Unavailable(fmt::format("cannot listen on {}:{}", host, port));
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  return hiresync::Status::Ok();
}

void InspectorServer::stop() {
  if (!thread_.joinable()) return;
  // httplib's stop() takes effect only once the accept loop runs.
  while (!server_.is_running() && !listen_returned_) std::this_thread::yield();
  server_.stop();
  thread_.join();
}

}  // namespace sim::serve
