// Service: the fake Justworks' whole state — companies, tokens, the id
// source, the journal — shared by the HTTP routes and the UI actions.
//
// Threads: HTTP handlers (server threads) and UI actions (the runner's
// thread) both take `mu` for the whole of one operation, so every request
// sees and leaves a consistent state. The journal has its own lock.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/journal.h"
#include "common/virtual_clock.h"
#include "fake_justworks/records.h"
#include "ports/random.h"

namespace sim::justworks {

// A signed-in member's session (docs/justworks-api.md, "Sessions").
struct MemberSession {
  std::string company_id;
  std::string member_id;
  uint64_t sequence = 0;  // issue order: the oldest ends first
  int64_t issued_at_ms = 0;
  int64_t expires_at_ms = 0;
};

struct Service {
  // Sessions draw from their own stream, so signing in never shifts the ids
  // the records get.
  Service(const VirtualClock& clock, uint64_t seed)
      : clock(clock), random(seed), session_random(seed ^ 0x5E55'1011'5E55'1011ULL) {}

  const VirtualClock& clock;
  Journal journal;

  std::mutex mu;  // guards every member below
  hiresync::SeededRandom random;
  std::map<std::string, Company> companies;         // by company id
  std::map<std::string, std::string> token_owners;  // bearer token → company id
  std::vector<std::string> tokens;                  // every token issued, in order
  std::string base_url;                             // empty until the server starts
  hiresync::SeededRandom session_random;
  std::map<std::string, MemberSession> sessions;  // live sessions by credential
  std::vector<std::string> session_tokens;        // every session issued, in order

  // REQUIRES: mu held (for all below).
  // "<prefix>_" and 16 characters from the seeded source; 62^16 values make
  // a collision negligible, and the same seed gives the same ids.
  std::string new_id(std::string_view prefix);
  // Issues a bearer token bound to company `company_id`.
  std::string issue_token(const std::string& company_id);
  Company* company_by_id(std::string_view id);
  Company* company_for_token(std::string_view token);
  // The company holding pending hire `id` (review pages name no company).
  Company* company_of_pending_hire(std::string_view id);
  // `text` with every issued token replaced, for the journal.
  std::string redact(std::string text) const;
};

}  // namespace sim::justworks
