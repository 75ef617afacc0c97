// Crypto: the HMAC and comparison the webhook signature check needs. Behind a
// port so the core links no crypto library; the adapter uses OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace hiresync {

class Crypto {
 public:
  virtual ~Crypto() = default;
  // Lower-case hex of HMAC-SHA256(key, message).
  virtual std::string hmac_sha256_hex(std::string_view key, std::string_view message) const = 0;
  // Compares in time independent of where the inputs differ.
  virtual bool constant_time_equal(std::string_view a, std::string_view b) const = 0;
};

}  // namespace hiresync
