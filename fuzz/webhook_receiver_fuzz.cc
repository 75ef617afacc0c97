// libFuzzer harness: the webhook receiver's parse and verify, on any body.
// A body is parsed as Lever's envelope, its opportunity id checked, and its
// signature verified against a fixed token, as Receiver::receive does first.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/openssl_crypto.h"
#include "webhook/delivery.h"
#include "webhook/signature.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hiresync::OpenSslCrypto crypto;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto delivery = hiresync::parse_delivery(body);
  if (!delivery.ok()) return 0;
  const hiresync::Delivery& d = *delivery;
  hiresync::plausible_lever_id(d.opportunity_id);
  hiresync::lever_signature_valid(crypto, "sig-token-acme", d.token, d.triggered_at_ms,
                                  d.signature);
  return 0;
}
