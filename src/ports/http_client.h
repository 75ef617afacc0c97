// HttpClient: how the core calls Lever and Justworks. The adapter speaks real
// HTTP (cpp-httplib); tests may substitute a scripted one.
#pragma once

#include <map>
#include <string>

#include "common/status.h"

namespace hiresync {

struct HttpRequest {
  std::string method;  // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string target;  // path plus query, e.g. "/v1/opportunities/x?expand=stage"
  std::map<std::string, std::string> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends `request` to `base_url` (scheme://host:port). A transport failure
  // (refused, reset, timed out) is kUnavailable; any HTTP status is a value.
  virtual Result<HttpResponse> send(const std::string& base_url, const HttpRequest& request) = 0;
};

}  // namespace hiresync
