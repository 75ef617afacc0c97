// HttplibClient: the HttpClient port over cpp-httplib, one kept-alive
// connection per base URL. Thread-compatible: give each thread its own.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "ports/http_client.h"

namespace httplib {
class Client;
}

namespace hiresync {

class HttplibClient final : public HttpClient {
 public:
  // `timeout_ms`: connect and read timeout for every request.
  explicit HttplibClient(int timeout_ms = 10000);
  ~HttplibClient() override;
  Result<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override;
  // Closes every kept-alive connection. A server stops only once its clients
  // hang up (or after its keep-alive timeout), so close before stopping one.
  void close_all();

 private:
  httplib::Client& client_for(const std::string& base_url);
  int timeout_ms_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace hiresync
