// FakeJustworks: a stateful stand-in for the Justworks side — company,
// members with admin permissions, departments and offices, the pending-hire
// list (Manage › Employees › Pending), Review & Invite, the mail relay and a
// captured mailbox, and the review page each email links to. Its API is ours
// (shared/SPEC.md §4); it shares no code with the core's Justworks client.
//
// Several companies may live in one FakeJustworks (SEC-4); each API token is
// bound to one company.
//
// Threads: HTTP handlers run on server threads, UI actions on the runner's
// thread; all state is behind one mutex.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/journal.h"
#include "common/status.h"
#include "common/virtual_clock.h"

namespace hiresync {
struct ServerTimeouts;
}  // namespace hiresync

namespace sim::justworks {

class FakeJustworks {
 public:
  FakeJustworks(const VirtualClock& clock, uint64_t seed);
  ~FakeJustworks();

  // Adds a company from a world's "justworks" object and returns the bearer
  // token the core uses for it. `where` names the source in errors.
  hiresync::Result<std::string> add_company(const nlohmann::json& justworks,
                                            const std::string& where);

  hiresync::Status start();
  // With the server's timeouts other than the defaults (a test's short ones).
  hiresync::Status start(const hiresync::ServerTimeouts& timeouts);
  void stop();
  std::string base_url() const;

  // --- What a Justworks admin does in the UI; `actor` is a member's email
  // (empty: the company's first admin with manage_employees). ---
  hiresync::Status review(const std::string& company, const std::string& pending_hire_id,
                          const nlohmann::json& set, const std::string& actor);
  hiresync::Status invite(const std::string& company, const std::string& pending_hire_id,
                          const std::string& actor);
  hiresync::Status dismiss(const std::string& company, const std::string& pending_hire_id,
                           const std::string& actor);
  // Signs member `email` in, as on Justworks' sign-in page, and returns the
  // session credential the integrations page sends the core (empty email:
  // the company's first active admin with manage_employees). The refusal
  // starts with its HTTP status ("401: ...").
  hiresync::Result<std::string> sign_in(const std::string& company, const std::string& email);
  hiresync::Status set_permission(const std::string& company, const std::string& member_email,
                                  const std::string& permission, bool granted);

  // --- Views for expectations and reports ---
  // The most recent pending hire created for a Lever opportunity.
  std::optional<std::string> pending_hire_for_opportunity(const std::string& company,
                                                          const std::string& opportunity) const;
  nlohmann::json pending_hires(const std::string& company) const;  // every record, any status
  nlohmann::json emails(const std::string& company) const;
  nlohmann::json members(const std::string& company) const;
  const Journal& journal() const;
  // The journal keeps each request's and answer's body, masked and cut
  // (Journal::keep_bodies): for `hiresim serve`'s inspector.
  void keep_bodies_in_journal(bool on);
  // Every bearer token and session credential issued so far.
  std::vector<std::string> issued_secrets() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::justworks
