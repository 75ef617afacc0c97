// Idempotency-Key handling shared by every create (pending hires, emails):
// the header's syntax, and what a key already used means for a new request.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/records.h"

namespace sim::justworks {

// 400 when the header is missing (`key` nullopt) or not 1–255 printable
// ASCII characters.
std::optional<ApiError> check_idempotency_key(const std::optional<std::string>& key);

// What a key means for a request with `body`.
struct KeyUse {
  enum class Kind { kFresh, kReplay, kConflict } kind = Kind::kFresh;
  std::string record_id;  // kReplay: the record the key created
};

// Bodies compare as JSON values, so key order and spacing don't matter.
// Keys live per company and per kind of record; only successful creates
// consume a key, so a refused request may be corrected and retried with it.
KeyUse look_up_key(const std::map<std::string, KeyedCreate>& keys, const std::string& key,
                   const nlohmann::json& body);

ApiError key_conflict(const std::string& what);

}  // namespace sim::justworks
