#include "adapters/httplib_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace hiresync {

HttplibClient::HttplibClient(int timeout_ms) : timeout_ms_(timeout_ms) {}
HttplibClient::~HttplibClient() = default;

httplib::Client& HttplibClient::client_for(const std::string& base_url) {
  auto& slot = clients_[base_url];
  if (!slot) {
    slot = std::make_unique<httplib::Client>(base_url);
    // httplib writes a POST's headers and body separately; without NODELAY
    // the body waits for the server's delayed ACK on a kept-alive connection.
    slot->set_tcp_nodelay(true);
    slot->set_keep_alive(true);
    const auto timeout = std::chrono::milliseconds(timeout_ms_);
    slot->set_connection_timeout(timeout);
    slot->set_read_timeout(timeout);
    slot->set_write_timeout(timeout);
  }
  return *slot;
}

void HttplibClient::close_all() {
  std::lock_guard lock(mu_);
  clients_.clear();
}

Result<HttpResponse> HttplibClient::send(const std::string& base_url, const HttpRequest& request) {
  std::lock_guard lock(mu_);
  httplib::Client& client = client_for(base_url);

  httplib::Request req;
  req.method = request.method;
  req.path = request.target;
  for (const auto& [name, value] : request.headers) req.set_header(name, value);
  req.body = request.body;
  if (!request.body.empty() && !req.has_header("Content-Type")) {
    req.set_header("Content-Type", "application/json");
  }

  auto result = client.send(req);
  if (!result) {
    return Status::Unavailable(fmt::format("{} {}{}: {}", request.method, base_url,
                                           request.target.substr(0, request.target.find('?')),
                                           httplib::to_string(result.error())));
  }
  HttpResponse response;
  response.status = result->status;
  response.body = std::move(result->body);
  for (const auto& [name, value] : result->headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    response.headers.emplace(std::move(lower), value);
  }
  return response;
}

}  // namespace hiresync
