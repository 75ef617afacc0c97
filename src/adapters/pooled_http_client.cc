#include "adapters/pooled_http_client.h"

namespace hiresync {

Result<HttpResponse> PooledHttpClient::send(const std::string& base_url,
                                            const HttpRequest& request) {
  std::unique_ptr<HttplibClient> client = borrow();
  Result<HttpResponse> answer = client->send(base_url, request);
  give_back(std::move(client));
  return answer;
}

void PooledHttpClient::close_all() {
  std::lock_guard lock(mu_);
  for (auto& client : idle_) client->close_all();
}

size_t PooledHttpClient::clients() const {
  std::lock_guard lock(mu_);
  return made_;
}

std::unique_ptr<HttplibClient> PooledHttpClient::borrow() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      // The most recently returned: its connections are the likeliest open.
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
    ++made_;
  }
  return std::make_unique<HttplibClient>(timeout_ms_);
}

void PooledHttpClient::give_back(std::unique_ptr<HttplibClient> client) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(client));
}

}  // namespace hiresync
