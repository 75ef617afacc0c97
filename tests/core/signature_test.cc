#include "webhook/signature.h"

#include <catch2/catch.hpp>

#include "adapters/openssl_crypto.h"

namespace hiresync {
namespace {

// Both vectors computed independently of this code with:
//   printf %s '<token><triggeredAt>' | openssl dgst -sha256 -hmac '<key>'
TEST_CASE("signature matches openssl's HMAC-SHA256 of token + triggeredAt", "[signature]") {
  OpenSslCrypto crypto;
  using Row = std::tuple<std::string, std::string, int64_t, std::string>;
  auto [key, token, at, hex] = GENERATE(table<std::string, std::string, int64_t, std::string>({
      Row{"sig-secret-123", "tok-abc", 1700000000000,
          "789828ef1f17122219a2ac1a8e4ff6351418531e0f884f86124c66e85e083614"},
      Row{"wh-token-acme", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghij", 1793628000000,
          "c45387446e031c46e2cbfc4236239b5f8566eb1e1ee01069f45376f2a9e40bf0"},
  }));
  CAPTURE(key, token, at);
  CHECK(lever_signature(crypto, key, token, at) == hex);
  CHECK(lever_signature_valid(crypto, key, token, at, hex));
}

TEST_CASE("signature check refuses a wrong, altered or empty signature", "[signature]") {
  OpenSslCrypto crypto;
  const std::string good = "789828ef1f17122219a2ac1a8e4ff6351418531e0f884f86124c66e85e083614";
  CHECK_FALSE(lever_signature_valid(crypto, "sig-secret-123", "tok-abc", 1700000000001, good));
  CHECK_FALSE(lever_signature_valid(crypto, "sig-secret-124", "tok-abc", 1700000000000, good));
  CHECK_FALSE(lever_signature_valid(crypto, "sig-secret-123", "tok-abc", 1700000000000,
                                    good.substr(0, 63) + "5"));
  CHECK_FALSE(lever_signature_valid(crypto, "sig-secret-123", "tok-abc", 1700000000000, ""));
  CHECK_FALSE(lever_signature_valid(crypto, "sig-secret-123", "tok-abc", 1700000000000,
                                    good.substr(0, 10)));
}

TEST_CASE("a connection without a signature token verifies nothing", "[signature]") {
  OpenSslCrypto crypto;
  const std::string with_empty_key = lever_signature(crypto, "", "tok", 1);
  CHECK_FALSE(lever_signature_valid(crypto, "", "tok", 1, with_empty_key));
}

}  // namespace
}  // namespace hiresync
