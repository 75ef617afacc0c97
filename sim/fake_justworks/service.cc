// Service lookups and id issuing (see service.h).
#include "fake_justworks/service.h"

namespace sim::justworks {

std::string Service::new_id(std::string_view prefix) {
  return std::string(prefix) + "_" + random.token(16);
}

std::string Service::issue_token(const std::string& company_id) {
  std::string token = "jw_" + random.token(40);
  token_owners.emplace(token, company_id);
  tokens.push_back(token);
  return token;
}

Company* Service::company_by_id(std::string_view id) {
  auto it = companies.find(std::string(id));
  return it == companies.end() ? nullptr : &it->second;
}

Company* Service::company_for_token(std::string_view token) {
  auto it = token_owners.find(std::string(token));
  if (it == token_owners.end()) return nullptr;
  return company_by_id(it->second);
}

Company* Service::company_of_pending_hire(std::string_view id) {
  for (auto& [company_id, company] : companies) {
    if (company.find_pending_hire(id)) return &company;
  }
  return nullptr;
}

std::string Service::redact(std::string text) const {
  for (const auto& token : tokens) {
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
      text.replace(at, token.size(), "[redacted]");
    }
  }
  return text;
}

}  // namespace sim::justworks
