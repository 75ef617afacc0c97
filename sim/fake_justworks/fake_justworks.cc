// FakeJustworks: world loading, the server's life cycle, the UI actions and
// the views (see fake_justworks.h). The rules live in pending_hires.cc and
// mailbox.cc; this file only finds the company and translates errors.
#include "fake_justworks/fake_justworks.h"

#include <fmt/format.h>

#include <algorithm>

#include "adapters/http_server.h"
#include "fake_justworks/api_routes.h"
#include "fake_justworks/http_plumbing.h"
#include "fake_justworks/pending_hires.h"
#include "fake_justworks/review_page.h"
#include "fake_justworks/service.h"
#include "fake_justworks/sessions.h"
#include "fake_justworks/world_loader.h"

namespace sim::justworks {

using hiresync::Status;
using nlohmann::json;

struct FakeJustworks::Impl {
  Impl(const VirtualClock& clock, uint64_t seed) : service(clock, seed) {}

  // Runs `action` on company `company_id` under the lock; NotFound when the
  // company is unknown.
  template <typename Action>
  Status on_company(const std::string& company_id, Action action) {
    std::lock_guard lock(service.mu);
    Company* company = service.company_by_id(company_id);
    if (!company) return Status::NotFound(fmt::format("no Justworks company '{}'", company_id));
    return action(*company);
  }

  // A read-only view of company `company_id`; `empty` when it is unknown.
  template <typename View>
  json view(const std::string& company_id, View make) {
    std::lock_guard lock(service.mu);
    const Company* company = service.company_by_id(company_id);
    return company ? make(*company) : json::array();
  }

  Service service;
  std::unique_ptr<hiresync::LoopbackServer> server;
};

namespace {

template <typename T>
Status status_of(const Outcome<T>& outcome) {
  return outcome.ok() ? Status::Ok() : to_status(outcome.error());
}

}  // namespace

FakeJustworks::FakeJustworks(const VirtualClock& clock, uint64_t seed)
    : impl_(std::make_unique<Impl>(clock, seed)) {}

FakeJustworks::~FakeJustworks() { stop(); }

hiresync::Result<std::string> FakeJustworks::add_company(const json& justworks,
                                                         const std::string& where) {
  auto company = load_company(justworks, where);
  if (!company.ok()) return company.status();
  std::lock_guard lock(impl_->service.mu);
  Service& service = impl_->service;
  const std::string id = company->id;
  if (service.companies.count(id)) {
    return Status::InvalidArgument(
        fmt::format("{}: /company/id: company '{}' is already loaded", where, id));
  }
  service.companies.emplace(id, std::move(company.value()));
  return service.issue_token(id);
}

Status FakeJustworks::start() { return start(hiresync::ServerTimeouts()); }

Status FakeJustworks::start(const hiresync::ServerTimeouts& timeouts) {
  if (impl_->server) return Status::Ok();
  auto server = std::make_unique<hiresync::LoopbackServer>();
  server->set_timeouts(timeouts);
  install_fallbacks(server->routes(), impl_->service);
  mount_api_routes(server->routes(), impl_->service);
  mount_review_pages(server->routes(), impl_->service);
  mount_session_routes(server->routes(), impl_->service);
  if (Status started = server->start(); !started.ok()) return started;
  {
    std::lock_guard lock(impl_->service.mu);
    impl_->service.base_url = server->base_url();
  }
  impl_->server = std::move(server);
  return Status::Ok();
}

void FakeJustworks::stop() {
  if (!impl_->server) return;
  impl_->server->stop();
  impl_->server.reset();
}

std::string FakeJustworks::base_url() const {
  std::lock_guard lock(impl_->service.mu);
  return impl_->service.base_url;
}

Status FakeJustworks::review(const std::string& company, const std::string& pending_hire_id,
                             const json& set, const std::string& actor) {
  return impl_->on_company(company, [&](Company& c) {
    return status_of(review_pending_hire(c, pending_hire_id, set, actor));
  });
}

Status FakeJustworks::invite(const std::string& company, const std::string& pending_hire_id,
                             const std::string& actor) {
  return impl_->on_company(company, [&](Company& c) {
    return status_of(
        invite_pending_hire(impl_->service, c, pending_hire_id, json::object(), actor));
  });
}

Status FakeJustworks::dismiss(const std::string& company, const std::string& pending_hire_id,
                              const std::string& actor) {
  return impl_->on_company(company, [&](Company& c) {
    return status_of(dismiss_pending_hire(c, pending_hire_id, actor));
  });
}

hiresync::Result<std::string> FakeJustworks::sign_in(const std::string& company,
                                                     const std::string& email) {
  std::lock_guard lock(impl_->service.mu);
  std::string who = email;
  if (who.empty()) {
    if (const Company* c = impl_->service.company_by_id(company)) {
      for (const auto& member : c->members) {
        if (member.can_manage_employees()) {
          who = member.email;
          break;
        }
      }
    }
  }
  auto signed_in = justworks::sign_in(impl_->service, company, who);
  if (!signed_in.ok()) return to_status(signed_in.error());
  return signed_in.value().token;
}

Status FakeJustworks::set_permission(const std::string& company, const std::string& member_email,
                                     const std::string& permission, bool granted) {
  return impl_->on_company(company, [&](Company& c) -> Status {
    if (!is_known_permission(permission)) {
      return Status::InvalidArgument(fmt::format("unknown permission '{}'", permission));
    }
    Member* member = c.find_member_by_email(member_email);
    if (!member) {
      return Status::NotFound(fmt::format("'{}' is not a member of {}", member_email, c.name));
    }
    auto& held = member->permissions;
    if (granted && !member->holds(permission)) {
      held.push_back(permission);
      member->admin = true;  // granting an admin permission makes an admin
    } else if (!granted) {
      held.erase(std::remove(held.begin(), held.end(), permission), held.end());
    }
    return Status::Ok();
  });
}

std::optional<std::string> FakeJustworks::pending_hire_for_opportunity(
    const std::string& company, const std::string& opportunity) const {
  std::lock_guard lock(impl_->service.mu);
  const Company* c = impl_->service.company_by_id(company);
  if (!c) return std::nullopt;
  // The newest hire for the opportunity: its positions are in creation order.
  const auto positions = c->pending_hire_index().with_opportunity(opportunity);
  if (positions.empty()) return std::nullopt;
  return c->pending_hires()[positions.back()].id;
}

json FakeJustworks::pending_hires(const std::string& company) const {
  return impl_->view(company, [&](const Company& c) {
    json out = json::array();
    for (const auto& hire : c.pending_hires()) {
      out.push_back(to_json(hire, impl_->service.base_url));
    }
    return out;
  });
}

json FakeJustworks::emails(const std::string& company) const {
  return impl_->view(company, [](const Company& c) {
    json out = json::array();
    for (const auto& email : c.emails) out.push_back(to_json(email));
    return out;
  });
}

json FakeJustworks::members(const std::string& company) const {
  return impl_->view(company, [](const Company& c) {
    json out = json::array();
    for (const auto& member : c.members) out.push_back(to_json(member));
    return out;
  });
}

const Journal& FakeJustworks::journal() const { return impl_->service.journal; }
void FakeJustworks::keep_bodies_in_journal(bool on) { impl_->service.journal.keep_bodies(on); }

std::vector<std::string> FakeJustworks::issued_secrets() const {
  std::lock_guard lock(impl_->service.mu);
  std::vector<std::string> all = impl_->service.tokens;
  const auto& sessions = impl_->service.session_tokens;
  all.insert(all.end(), sessions.begin(), sessions.end());
  return all;
}

}  // namespace sim::justworks
