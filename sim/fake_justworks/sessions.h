// Member sessions: Justworks signs a member in and later tells the core whose
// session a credential is. Not Justworks' public partner API (the sign-in
// page and the session check of its own web app), so the routes live under
// /internal/v1/ (docs/justworks-api.md, "Sessions").
//
// Sessions are bounded: each lasts kSessionLifetimeMs of virtual time, a
// member holds at most kMaxSessionsPerMember (signing in again ends the
// oldest), and expired ones are dropped at every sign-in.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/service.h"

namespace sim::justworks {

inline constexpr int64_t kSessionLifetimeMs = 12LL * 3600 * 1000;
inline constexpr size_t kMaxSessionsPerMember = 5;

struct SignedIn {
  std::string token;
  MemberSession session;
};

// Signs in the active member `email` (case-insensitive) of `company_id`.
// 401 for an unknown company or a person who is no member, 403 for an
// invited member who has not joined yet. REQUIRES: service.mu held.
Outcome<SignedIn> sign_in(Service& service, const std::string& company_id,
                          const std::string& email);

// POST /internal/v1/sessions and GET /internal/v1/sessions/current.
void mount_session_routes(httplib::Server& server, Service& service);

}  // namespace sim::justworks
