// The Lever webhook signature (SEC-1): lower-case hex of
// HMAC-SHA256(key = the webhook's signature token, message = token + triggeredAt
// in decimal). Lever signs these two fields, not the raw body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ports/crypto.h"

namespace hiresync {

std::string lever_signature(const Crypto& crypto, std::string_view signature_token,
                            std::string_view token, int64_t triggered_at_ms);

// Compares in constant time. An empty signature token never verifies: a
// connection whose secret was forgotten accepts nothing.
bool lever_signature_valid(const Crypto& crypto, std::string_view signature_token,
                           std::string_view token, int64_t triggered_at_ms,
                           std::string_view signature);

}  // namespace hiresync
