#include "scenario/faults.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sim {
namespace {

using hiresync::HttpResponse;
using hiresync::Result;
using hiresync::Status;
using nlohmann::json;

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

// Lever's error codes are restify's error names ("NotFoundError" is one it
// really sends); the rest follow the same pattern.
std::string lever_error_code(int status) {
  switch (status) {
    case 429:
      return "TooManyRequestsError";
    case 500:
      return "InternalServerError";
    case 502:
      return "BadGatewayError";
    case 503:
      return "ServiceUnavailableError";
    case 504:
      return "GatewayTimeoutError";
    default:
      return fmt::format("Error{}", status);
  }
}

// The answer each service gives when it is overloaded or broken, in its own
// error shape, so the core's error handling runs as it would in production.
HttpResponse error_answer(const HttpFault& f, int64_t now_ms) {
  HttpResponse r;
  r.status = f.status;
  r.headers["content-type"] = "application/json";
  const std::string message = f.status == 429 ? "Rate limit exceeded; retry later"
                                              : "The service is temporarily unavailable";
  if (f.target == "lever") {
    r.body = json{{"code", lever_error_code(f.status)}, {"message", message}}.dump();
  } else {
    r.body = json{{"error",
                   {{"code", f.status == 429 ? "rate_limited" : "unavailable"},
                    {"message", message},
                    {"field", nullptr}}}}
                 .dump();
  }
  if (f.status != 429) return r;
  // Lever's headers for the fake's default bucket of 20; Justworks' 429
  // carries Retry-After (rate_limit_headers is kRetryAfter for it).
  for (auto& [name, value] : lever::rate_limit_headers(
           f.rate_limit_headers, f.retry_after_s, now_ms + int64_t{f.retry_after_s} * 1000, 20)) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    r.headers[name] = value;  // HttpResponse's names are lower case
  }
  return r;
}

}  // namespace

void FaultPlan::add(HttpFault fault) {
  std::lock_guard lock(mu_);
  http_.push_back({std::move(fault)});
}

void FaultPlan::add(CrashFault fault) {
  std::lock_guard lock(mu_);
  crashes_.push_back({std::move(fault)});
}

void FaultPlan::add(StoreFault fault) {
  std::lock_guard lock(mu_);
  store_.push_back({std::move(fault)});
  store_armed_ = true;
}

bool FaultPlan::on_store_op(const std::string& op) {
  if (!store_armed_) return false;
  std::lock_guard lock(mu_);
  bool hit = false;
  for (auto& armed : store_) {
    if (armed.fault.op != "*" && armed.fault.op != op) continue;
    if (armed.take(!hit)) hit = true;
  }
  return hit;
}

std::optional<HttpFault> FaultPlan::on_request(const std::string& target, const std::string& method,
                                               const std::string& path) {
  std::lock_guard lock(mu_);
  const std::string call = method + " " + path;
  std::optional<HttpFault> hit;
  // Every armed fault counts the request, so "after" means "the Nth matching
  // request" whatever else is armed; the first that fires wins.
  for (auto& armed : http_) {
    if (armed.fault.target != target || !glob_match(armed.fault.match, call)) continue;
    if (armed.take(!hit)) hit = armed.fault;
  }
  return hit;
}

void FaultPlan::clear(const std::string& target) {
  std::lock_guard lock(mu_);
  if (target == "core") crashes_.clear();
  if (target == "store") {
    store_.clear();
    store_armed_ = false;
  }
  std::erase_if(http_, [&](const Armed<HttpFault>& a) { return a.fault.target == target; });
}

bool FaultPlan::on_crash_point(const std::string& point) {
  std::lock_guard lock(mu_);
  bool crash = false;
  for (auto& armed : crashes_) {
    if (armed.fault.point == point && armed.take(!crash)) crash = true;
  }
  return crash;
}

FaultyHttpClient::FaultyHttpClient(hiresync::HttpClient& inner, FaultPlan& plan,
                                   const hiresync::Clock& clock)
    : inner_(inner), plan_(plan), clock_(clock) {}

void FaultyHttpClient::set_target(const std::string& base_url, const std::string& target) {
  std::lock_guard lock(mu_);
  targets_[base_url] = target;
}

Result<HttpResponse> FaultyHttpClient::send(const std::string& base_url,
                                            const hiresync::HttpRequest& request) {
  std::string target;
  {
    std::lock_guard lock(mu_);
    auto it = targets_.find(base_url);
    if (it != targets_.end()) target = it->second;
  }
  if (target.empty()) return inner_.send(base_url, request);
  const std::string path = path_of(request.target);
  auto fault = plan_.on_request(target, request.method, path);
  if (!fault) return inner_.send(base_url, request);

  JournalEntry entry{0, clock_.now_ms(), request.method, path, target, 0, ""};
  Result<HttpResponse> outcome = Status::Internal("unreachable");
  switch (fault->kind) {
    case HttpFaultKind::kStatus:
      entry.status = fault->status;
      entry.note = fmt::format("injected {}", fault->status);
      outcome = error_answer(*fault, clock_.now_ms());
      break;
    case HttpFaultKind::kTimeout:
      entry.note = "injected timeout";
      outcome =
          Status::Unavailable(fmt::format("{} {}{}: Read timeout", request.method, base_url, path));
      break;
    case HttpFaultKind::kReset:
      entry.note = "injected connection reset";
      outcome = Status::Unavailable(
          fmt::format("{} {}{}: Connection reset by peer", request.method, base_url, path));
      break;
    case HttpFaultKind::kDrop: {
      // The request does reach the fake and its work is done: only the
      // answer is lost (the ambiguous failure of REL-3).
      auto real = inner_.send(base_url, request);
      entry.status = real.ok() ? real->status : 0;
      entry.note = "injected drop: the answer was lost";
      outcome = Status::Unavailable(fmt::format(
          "{} {}{}: connection closed before the answer arrived", request.method, base_url, path));
      break;
    }
  }
  plan_.journal().record(std::move(entry));
  return outcome;
}

}  // namespace sim
