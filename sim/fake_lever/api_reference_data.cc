// Data API: the objects a sync reads besides opportunities — postings, users,
// stages, archive reasons, contacts and requisitions.
#include <fmt/format.h>

#include "fake_lever/api_common.h"

namespace sim::lever {

namespace {

const std::vector<Expansion> kPostingExpansions = {{"user", &Account::users},
                                                   {"owner", &Account::users},
                                                   {"hiringManager", &Account::users},
                                                   {"followers", &Account::users}};
const std::vector<Expansion> kRequisitionExpansions = {
    {"hiringManager", &Account::users}, {"owner", &Account::users}, {"creator", &Account::users}};

bool matches_any(const std::set<std::string>& wanted, const json& value) {
  return wanted.empty() || (value.is_string() && wanted.count(value.get<std::string>()) != 0);
}

}  // namespace

// GET /v1/<resource>/:id for a plain collection.
static Reply get_one(FakeLever::Impl& impl, const Call& call, const std::string& scope,
                     Collection Account::*collection, const std::string& resource,
                     const std::vector<Expansion>& expansions) {
  ApiCaller caller;
  if (auto r = impl.authenticate(call, scope, caller)) return *r;
  const Stored* found = ((*caller.account).*collection).find(call.args[0]);
  if (found == nullptr) return not_found(resource, call.args[0]);
  if (auto r = impl.check_confidential(caller, found->obj())) return *r;
  return impl.one_reply(*caller.account, *found, shape_of(call), expansions);
}

Reply FakeLever::Impl::api_list_postings(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "postings:read:admin", caller)) return *r;
  std::string confidentiality;
  if (auto r = confidentiality_param(*this, call, caller, confidentiality)) return *r;
  const auto state = filter_values(call, "state");
  const auto team = filter_values(call, "team"), department = filter_values(call, "department"),
             location = filter_values(call, "location"),
             commitment = filter_values(call, "commitment");
  auto keep = [&](const json& p) {
    const json& c = field(p, "categories");
    return confidentiality_matches(confidentiality, p) && matches_any(state, field(p, "state")) &&
           matches_any(team, field(c, "team")) && matches_any(department, field(c, "department")) &&
           matches_any(location, field(c, "location")) &&
           matches_any(commitment, field(c, "commitment"));
  };
  const Collection& postings = caller.account->postings;
  return list_reply(call, *caller.account, rows_of(postings, keep), position_in(postings),
                    kPostingExpansions);
}

Reply FakeLever::Impl::api_get_posting(const Call& call) {
  return get_one(*this, call, "postings:read:admin", &Account::postings, "postings",
                 kPostingExpansions);
}

Reply FakeLever::Impl::api_list_users(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "users:read:admin", caller)) return *r;
  std::optional<bool> include_deactivated;
  if (auto r = bool_param(call, "includeDeactivated", include_deactivated)) return *r;
  const auto emails = filter_values(call, "email");
  const auto roles = filter_values(call, "accessRole");
  auto keep = [&](const json& u) {
    const json& email = field(u, "email");
    bool email_ok = emails.empty();
    for (const auto& e : emails) {
      email_ok = email_ok || (email.is_string() && iequals(email.get_ref<const std::string&>(), e));
    }
    // Only active users unless asked (Lever's default).
    return email_ok && matches_any(roles, field(u, "accessRole")) &&
           (include_deactivated.value_or(false) || field(u, "deactivatedAt").is_null());
  };
  const Collection& users = caller.account->users;
  return list_reply(call, *caller.account, rows_of(users, keep), position_in(users), {});
}

Reply FakeLever::Impl::api_get_user(const Call& call) {
  return get_one(*this, call, "users:read:admin", &Account::users, "users", {});
}

Reply FakeLever::Impl::api_list_stages(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "stages:read:admin", caller)) return *r;
  const Collection& stages = caller.account->stages;
  return list_reply(call, *caller.account, rows_of(stages, nullptr), position_in(stages), {});
}

Reply FakeLever::Impl::api_get_stage(const Call& call) {
  return get_one(*this, call, "stages:read:admin", &Account::stages, "stages", {});
}

Reply FakeLever::Impl::api_list_archive_reasons(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "archive_reasons:read:admin", caller)) return *r;
  const std::string type = call.query("type");
  if (call.has("type") && type != "hired" && type != "non-hired") {
    return api_error(400, "BadRequestError", "type must be hired or non-hired");
  }
  auto keep = [&](const json& reason) { return type.empty() || field(reason, "type") == type; };
  const Collection& reasons = caller.account->archive_reasons;
  return list_reply(call, *caller.account, rows_of(reasons, keep), position_in(reasons), {});
}

Reply FakeLever::Impl::api_get_archive_reason(const Call& call) {
  return get_one(*this, call, "archive_reasons:read:admin", &Account::archive_reasons,
                 "archive_reasons", {});
}

Reply FakeLever::Impl::api_get_contact(const Call& call) {
  return get_one(*this, call, "contact:read:admin", &Account::contacts, "contacts", {});
}

Reply FakeLever::Impl::api_list_requisitions(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "requisitions:read:admin", caller)) return *r;
  std::string confidentiality;
  if (auto r = confidentiality_param(*this, call, caller, confidentiality)) return *r;
  const auto status = filter_values(call, "status");
  const auto code = filter_values(call, "requisition_code");
  auto keep = [&](const json& r) {
    return confidentiality_matches(confidentiality, r) && matches_any(status, field(r, "status")) &&
           matches_any(code, field(r, "requisitionCode"));
  };
  const Collection& reqs = caller.account->requisitions;
  return list_reply(call, *caller.account, rows_of(reqs, keep), position_in(reqs),
                    kRequisitionExpansions);
}

Reply FakeLever::Impl::api_get_requisition(const Call& call) {
  return get_one(*this, call, "requisitions:read:admin", &Account::requisitions, "requisitions",
                 kRequisitionExpansions);
}

}  // namespace sim::lever
