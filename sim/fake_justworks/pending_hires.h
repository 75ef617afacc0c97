// The pending-hire list (Manage › Employees › Pending): create with an
// Idempotency-Key, Review & Invite edits, Invite New Member, dismiss, and the
// employees summary. The HTTP routes, the review page's form and the UI
// actions all call these, so every path enforces the same rules.
//
// Every operation validates completely before it changes anything: a
// refused request leaves no trace in the company.
// REQUIRES (all functions): the caller holds service.mu.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/records.h"
#include "fake_justworks/service.h"

namespace sim::justworks {

struct Created {
  std::string id;
  bool replayed = false;  // the key was used before with the same body
};

// POST /internal/v1/pending_hires. 400 missing key or bad shape, 409 key reused with
// another body, 422 a value Justworks refuses.
Outcome<Created> create_pending_hire(Service& service, Company& company,
                                     const std::optional<std::string>& idempotency_key,
                                     const nlohmann::json& body);

// Who acts in Review & Invite: the member with `actor_email`, or when it is
// empty the company's first admin allowed to manage employees. 403 unless
// that member is an active admin holding manage_employees.
Outcome<const Member*> resolve_actor(const Company& company, const std::string& actor_email);

// Review & Invite edits (`edits`: writable fields → values). 404, 400, 403,
// 409 when the hire is no longer pending, 422.
Outcome<Done> review_pending_hire(Company& company, const std::string& id,
                                  const nlohmann::json& edits, const std::string& actor_email);

// Invite New Member, after applying `edits` (an object, possibly empty) in
// the same step. Makes an `invited` member and marks the hire `invited`;
// returns the member's id. 422 names the first missing field (REVIEW-1).
Outcome<std::string> invite_pending_hire(Service& service, Company& company, const std::string& id,
                                         const nlohmann::json& edits,
                                         const std::string& actor_email);

// Marks a pending hire `dismissed`. 404, 403, 409 when not pending.
Outcome<Done> dismiss_pending_hire(Company& company, const std::string& id,
                                   const std::string& actor_email);

// Manage › Employees: {"active", "invited", "pending_hires"}.
nlohmann::json employees_summary(const Company& company);

}  // namespace sim::justworks
