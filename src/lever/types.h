// Typed views of the Lever objects the sync reads. Only src/lever/ parses
// Lever's JSON into these; everything downstream sees these types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hiresync::lever {

struct User {
  std::string id;
  std::string name;
  std::string email;
  std::string access_role;  // "super admin", "admin", ...
  std::optional<int64_t> deactivated_at_ms;
};

struct Posting {
  std::string id;
  std::string text;  // the title
  std::string state;
  std::string confidentiality;  // "non-confidential" | "confidential"
  // categories.*; absent or null in Lever's answer → nullopt.
  std::optional<std::string> team, department, location, commitment;
  std::optional<std::string> hiring_manager_id;
};

// One entry of an offer's fields[]. `value` stays raw JSON: real offers hold
// numbers, strings, nulls and user ids, and the mapping must note, not crash
// on, a value of the wrong type.
struct OfferField {
  std::string identifier;
  std::string text;
  nlohmann::json value;
};

struct Offer {
  std::string id;
  std::string
      status;  // draft, approval-sent, approved, sent, sent-manually, opened, denied, signed
  int64_t created_at_ms = 0;
  std::optional<std::string> posting_id;
  std::vector<OfferField> fields;
};

struct Opportunity {
  std::string id;
  std::string name;
  std::string contact_id;
  std::vector<std::string> emails;
  bool is_anonymized = false;
  std::string confidentiality;
  // The posting of its (at most one) application; nullopt when no job is selected.
  std::optional<std::string> posting_id;
  // Its application's id when Lever listed the application as a bare id
  // (expand ignored), so the application's posting is unknown.
  std::optional<std::string> application_id;
  // archived.reason and archived.archivedAt, when archived.
  std::optional<std::string> archive_reason_id;
  int64_t archived_at_ms = 0;
};

// One entry of a list of archived opportunities (REL-7 reconciliation): just
// what tells which hire it is.
struct ArchivedOpportunity {
  std::string id;
  int64_t archived_at_ms = 0;
  std::string reason_id;
};

// An archive reason: `type` is "hired" or "non-hired".
struct ArchiveReason {
  std::string id;
  std::string type;
};

}  // namespace hiresync::lever
