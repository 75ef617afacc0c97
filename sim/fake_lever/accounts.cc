// Lookups shared by the UI actions and the OAuth server: accounts, the
// acting user, and who holds "Manage API credentials and manage integrations".
#include <algorithm>

#include <fmt/format.h>

#include "fake_lever/impl.h"

namespace sim::lever {

Result<Account*> FakeLever::Impl::find_account(const std::string& id) {
  auto it = accounts.find(id);
  if (it == accounts.end()) return Status::NotFound(fmt::format("no Lever account '{}'", id));
  return &it->second;
}

Result<Stored*> FakeLever::Impl::find_opportunity(Account& account, const std::string& id) {
  Stored* opp = account.opportunities.find(id);
  if (opp == nullptr) {
    return Status::NotFound(fmt::format("account {} has no opportunity '{}'", account.id, id));
  }
  return opp;
}

static bool active(const json& user) { return field(user, "deactivatedAt").is_null(); }

Result<std::string> FakeLever::Impl::resolve_actor(Account& account, const std::string& email) {
  for (const Stored& s : account.users.items()) {
    const json& user = s.obj();
    const bool wanted = email.empty() ? user.value("accessRole", "") == "super admin"
                                      : iequals(user.value("email", ""), email);
    if (!wanted) continue;
    if (!active(user)) {
      if (email.empty()) continue;
      return Status::PermissionDenied(fmt::format("Lever user {} is deactivated", email));
    }
    return s.id();
  }
  if (email.empty()) {
    return Status::NotFound(fmt::format("account {} has no active super admin", account.id));
  }
  return Status::NotFound(fmt::format("account {} has no user with email {}", account.id, email));
}

bool FakeLever::Impl::can_manage_integrations(const Account& account, const json& user) const {
  const auto& roles = account.settings.roles_with_manage_integrations;
  return active(user) &&
         std::find(roles.begin(), roles.end(), user.value("accessRole", "")) != roles.end();
}

Status FakeLever::Impl::require_manage_integrations(Account& account,
                                                    const std::string& actor_email) {
  Result<std::string> actor = resolve_actor(account, actor_email);
  if (!actor.ok()) return actor.status();
  const json& user = account.users.find(*actor)->obj();
  if (!can_manage_integrations(account, user)) {
    return Status::PermissionDenied(
        fmt::format("{} is {} and lacks \"Manage API credentials and manage integrations\"",
                    user.value("email", *actor), user.value("accessRole", "without a role")));
  }
  return Status::Ok();
}

std::string FakeLever::Impl::posting_of(const Account& account, const json& opportunity) const {
  const json& apps = field(opportunity, "applications");
  if (!apps.is_array() || apps.empty() || !apps[0].is_string()) return {};
  const Stored* app = account.applications.find(apps[0].get<std::string>());
  if (app == nullptr) return {};
  const json& posting = field(app->obj(), "posting");
  return posting.is_string() ? posting.get<std::string>() : std::string();
}

}  // namespace sim::lever
