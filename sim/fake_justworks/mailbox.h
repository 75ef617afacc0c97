// The mail relay the core sends its notifications through, and the captured
// mailbox scenarios assert on. Nothing is delivered anywhere: every email is
// kept, with its virtual sending time.
// REQUIRES (all functions): the caller holds service.mu.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/pending_hires.h"
#include "fake_justworks/records.h"
#include "fake_justworks/service.h"

namespace sim::justworks {

// POST /internal/v1/emails: {"to", "subject", "text", "link"}, all strings. 400 bad
// shape or key, 409 key reused with another body, 422 naming the field
// ("to" when the recipient is not a member of the company).
Outcome<Created> send_email(Service& service, Company& company,
                            const std::optional<std::string>& idempotency_key,
                            const nlohmann::json& body);

// The captured emails, oldest first; `to` matches case-insensitively,
// `subject` exactly.
nlohmann::json list_emails(const Company& company, const std::optional<std::string>& to,
                           const std::optional<std::string>& subject);

}  // namespace sim::justworks
