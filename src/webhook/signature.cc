#include "webhook/signature.h"

namespace hiresync {

std::string lever_signature(const Crypto& crypto, std::string_view signature_token,
                            std::string_view token, int64_t triggered_at_ms) {
  std::string message(token);
  message += std::to_string(triggered_at_ms);
  return crypto.hmac_sha256_hex(signature_token, message);
}

bool lever_signature_valid(const Crypto& crypto, std::string_view signature_token,
                           std::string_view token, int64_t triggered_at_ms,
                           std::string_view signature) {
  if (signature_token.empty() || signature.empty()) return false;
  const std::string expected = lever_signature(crypto, signature_token, token, triggered_at_ms);
  return crypto.constant_time_equal(expected, signature);
}

}  // namespace hiresync
