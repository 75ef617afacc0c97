#include "sync/setup_retries.h"

namespace hiresync {

const char* to_string(SetupRetry::Step step) {
  switch (step) {
    case SetupRetry::Step::kExchange:
      return "connect";
    case SetupRetry::Step::kWebhook:
      return "connect";
    case SetupRetry::Step::kFinish:
      return "finish";
  }
  return "connect";
}

void SetupRetries::schedule(SetupRetry retry) {
  std::lock_guard lock(mu_);
  const std::string company = retry.company;
  by_company_.insert_or_assign(company, std::move(retry));
}

void SetupRetries::cancel(const std::string& company) {
  std::lock_guard lock(mu_);
  by_company_.erase(company);
}

std::optional<SetupRetry> SetupRetries::take_due(int64_t now_ms) {
  std::lock_guard lock(mu_);
  for (auto it = by_company_.begin(); it != by_company_.end(); ++it) {
    if (it->second.due_ms > now_ms) continue;
    SetupRetry due = std::move(it->second);
    by_company_.erase(it);
    return due;
  }
  return std::nullopt;
}

std::optional<int64_t> SetupRetries::next_due_ms() const {
  std::lock_guard lock(mu_);
  std::optional<int64_t> next;
  for (const auto& [company, retry] : by_company_) {
    if (!next || retry.due_ms < *next) next = retry.due_ms;
  }
  return next;
}

std::optional<SetupRetry> SetupRetries::of(const std::string& company) const {
  std::lock_guard lock(mu_);
  auto it = by_company_.find(company);
  if (it == by_company_.end()) return std::nullopt;
  return it->second;
}

}  // namespace hiresync
