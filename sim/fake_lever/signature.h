// How Lever signs a webhook delivery: lowercase hex of
// HMAC-SHA256(key = the webhook's signature token, message = token + triggeredAt).
// The body itself is not hashed (shared/reference/lever-api.md §2.3).
#pragma once

#include <cstdint>
#include <string>

namespace sim::lever {

std::string hmac_sha256_hex(const std::string& key, const std::string& message);

inline std::string webhook_signature(const std::string& signature_token,
                                     const std::string& delivery_token, int64_t triggered_at_ms) {
  return hmac_sha256_hex(signature_token, delivery_token + std::to_string(triggered_at_ms));
}

}  // namespace sim::lever
