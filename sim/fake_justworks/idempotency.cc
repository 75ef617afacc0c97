// Idempotency-Key handling (see idempotency.h).
#include "fake_justworks/idempotency.h"

#include <fmt/format.h>

namespace sim::justworks {

std::optional<ApiError> check_idempotency_key(const std::optional<std::string>& key) {
  if (!key) {
    return bad_request("missing_idempotency_key", "the Idempotency-Key header is required",
                       "Idempotency-Key");
  }
  bool printable = !key->empty() && key->size() <= 255;
  for (char c : *key) printable = printable && c >= 0x20 && c <= 0x7e;
  if (!printable) {
    return bad_request("invalid_idempotency_key",
                       "the Idempotency-Key header must be 1-255 printable ASCII characters",
                       "Idempotency-Key");
  }
  return std::nullopt;
}

KeyUse look_up_key(const std::map<std::string, KeyedCreate>& keys, const std::string& key,
                   const nlohmann::json& body) {
  auto it = keys.find(key);
  if (it == keys.end()) return {};
  if (it->second.body != body) return {KeyUse::Kind::kConflict, {}};
  return {KeyUse::Kind::kReplay, it->second.record_id};
}

ApiError key_conflict(const std::string& what) {
  return conflict("idempotency_key_reused",
                  fmt::format("this Idempotency-Key already created {} with another body", what));
}

}  // namespace sim::justworks
