#include "scenario/read_log.h"

#include <string_view>

namespace sim {
namespace {

// The reads the mapping depends on, by target: their bodies are kept.
bool mapping_read(const std::string& target, std::string_view path) {
  if (target == "lever") {
    return path.starts_with("/v1/opportunities/") || path.starts_with("/v1/postings/") ||
           path.starts_with("/v1/users/");
  }
  if (target == "justworks") {
    return path == "/internal/v1/members" || path == "/v1/company";
  }
  return false;
}

}  // namespace

ReadLog::ReadLog(hiresync::HttpClient& inner, const hiresync::Clock& clock, RecordOrder& order,
                 bool enabled)
    : inner_(inner), clock_(clock), order_(order), enabled_(enabled) {}

void ReadLog::set_target(const std::string& base_url, const std::string& target) {
  std::lock_guard lock(mu_);
  targets_[base_url] = target;
}

hiresync::Result<hiresync::HttpResponse> ReadLog::send(const std::string& base_url,
                                                       const hiresync::HttpRequest& request) {
  auto answer = inner_.send(base_url, request);
  if (!enabled_) return answer;
  std::lock_guard lock(mu_);
  auto it = targets_.find(base_url);
  if (it == targets_.end()) return answer;
  const size_t q = request.target.find('?');
  RecordedCall call;
  call.order = order_.next();
  call.time_ms = clock_.now_ms();
  call.target = it->second;
  call.method = request.method;
  call.path = request.target.substr(0, q);
  call.query = q == std::string::npos ? "" : request.target.substr(q + 1);
  call.status = answer.ok() ? answer->status : 0;
  if (call.method == "GET" && call.status == 200 && mapping_read(call.target, call.path)) {
    call.body = answer->body;
  }
  calls_.push_back(std::move(call));
  return answer;
}

std::vector<RecordedCall> ReadLog::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

}  // namespace sim
