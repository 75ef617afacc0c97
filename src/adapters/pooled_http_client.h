// PooledHttpClient: the HttpClient port for many threads at once (the
// concurrent worker, issue 20). Each send borrows an idle HttplibClient — one
// kept-alive connection per base URL — or makes one when every client is
// busy, and gives it back after. So N threads calling together hold N
// connections and never wait for each other, and a thread that sends again
// finds a warm connection.
//
// Threads: any.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/httplib_client.h"
#include "ports/http_client.h"

namespace hiresync {

class PooledHttpClient final : public HttpClient {
 public:
  // `timeout_ms`: as HttplibClient's.
  explicit PooledHttpClient(int timeout_ms = 10000) : timeout_ms_(timeout_ms) {}
  Result<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override;
  // Closes every idle client's connections (see HttplibClient::close_all).
  // REQUIRES: no send in flight.
  void close_all();
  // Clients made so far: the most sends ever in flight at once.
  size_t clients() const;

 private:
  std::unique_ptr<HttplibClient> borrow();
  void give_back(std::unique_ptr<HttplibClient> client);

  int timeout_ms_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<HttplibClient>> idle_;
  size_t made_ = 0;
};

}  // namespace hiresync
