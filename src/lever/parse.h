// Lever's JSON → the typed views of lever/types.h. The only code that knows
// Lever's shapes. Defensive: a missing, null or mistyped field becomes empty
// (or nullopt), never a crash; only an object without an id is refused.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "lever/types.h"

namespace hiresync::lever {

// A webhook as GET/POST /v1/webhooks return it. The signature token comes
// only in the create answer.
struct Webhook {
  std::string id;
  std::string url;
  std::string event;
  std::string signature_token;
};

// One page of a list: {"data": [...], "hasNext": bool, "next": "<token>"}.
struct Page {
  std::vector<nlohmann::json> items;
  std::optional<std::string> next;  // set only when hasNext is true
};

// The body's `data` (Lever wraps every answer in {"data": ...}).
Result<nlohmann::json> parse_envelope(const std::string& body);
Result<Page> parse_page(const std::string& body);

Result<Opportunity> parse_opportunity(const nlohmann::json& data);
Result<Offer> parse_offer(const nlohmann::json& data);
Result<Posting> parse_posting(const nlohmann::json& data);
Result<User> parse_user(const nlohmann::json& data);
// An opportunity of a list, with its archived.{archivedAt, reason}; an error
// when it has no id or is not archived.
Result<ArchivedOpportunity> parse_archived_opportunity(const nlohmann::json& data);
Result<ArchiveReason> parse_archive_reason(const nlohmann::json& data);
// Accepts the documented {"data": {"data": {...}}} typo as well.
Result<Webhook> parse_webhook(const nlohmann::json& data);

}  // namespace hiresync::lever
