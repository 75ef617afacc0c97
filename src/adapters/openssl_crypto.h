// OpenSslCrypto: the Crypto port over OpenSSL's HMAC and CRYPTO_memcmp.
#pragma once

#include "ports/crypto.h"

namespace hiresync {

class OpenSslCrypto final : public Crypto {
 public:
  std::string hmac_sha256_hex(std::string_view key, std::string_view message) const override;
  bool constant_time_equal(std::string_view a, std::string_view b) const override;
};

}  // namespace hiresync
