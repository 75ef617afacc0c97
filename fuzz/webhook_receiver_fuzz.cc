// libFuzzer harness: the webhook receiver on any body, as the core's route
// hands it one — Receiver::receive on a fresh in-memory SQLite store holding
// one connected integration ("conn-acme", signature token "sig-token-acme"),
// with the core's escaping log in front of a log that refuses a control
// character. A fuzzer cannot forge an HMAC, so a body holding the text
// "SIGN" (quotes included) gets the right signature for the token and
// triggeredAt it carries in its place: the seeds do, and so the stale check,
// dedupe, the hire's row and the log lines after the signature are reached.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adapters/openssl_crypto.h"
#include "adapters/secrets_key.h"
#include "adapters/sqlite_store.h"
#include "ports/clock.h"
#include "ports/crash_points.h"
#include "ports/guarded_store.h"
#include "ports/log.h"
#include "sync/guarded_ports.h"
#include "webhook/delivery.h"
#include "webhook/receiver.h"
#include "webhook/signature.h"

namespace {

using namespace hiresync;

constexpr int64_t kNowMs = 1793628060000;  // a minute after the seeds' triggeredAt

struct FixedClock final : Clock {
  int64_t now_ms() const override { return kNowMs; }
};

// What reaches the log file: a control character here is a forged line.
struct NoForgedLines final : Log {
  void write(std::string_view line) override {
    for (const char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) {
        std::fprintf(stderr, "a log line holds control character 0x%02x: %.*s\n", u,
                     static_cast<int>(line.size()), line.data());
        std::abort();
      }
    }
  }
};

// The body with "SIGN" replaced by the signature Lever would have sent.
std::string signed_body(const Crypto& crypto, std::string body) {
  const size_t at = body.find("\"SIGN\"");
  if (at == std::string::npos) return body;
  auto d = parse_delivery(body);
  if (!d.ok()) return body;
  const std::string sig = lever_signature(crypto, "sig-token-acme", d->token, d->triggered_at_ms);
  return body.replace(at + 1, 4, sig);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const OpenSslCrypto crypto;
  static const FixedClock clock;
  static NoForgedLines sink;
  const std::string body =
      signed_body(crypto, std::string(reinterpret_cast<const char*>(data), size));

  // Any fixed key: the harness is after the receiver, not the sealing.
  static const SecretsKey key{std::array<unsigned char, SecretsKey::kSize>{}};
  auto opened = open_sqlite_store(":memory:", key);
  if (!opened.ok()) std::abort();
  Store& store = **opened;
  Connection c;
  c.id = "conn-acme";
  c.company = "acme";
  c.access_token = "access-1";
  c.refresh_token = "refresh-1";
  c.access_expires_at_ms = kNowMs + 3600 * 1000;
  c.webhook_id = "wh-1";
  c.webhook_url = "http://core.test/webhooks/lever/conn-acme";
  c.signature_token = "sig-token-acme";
  c.webhook_created_at_ms = kNowMs - 3600 * 1000;
  c.webhook_verified = true;
  c.created_at_ms = c.webhook_created_at_ms;
  Integration i;
  i.company = "acme";
  i.status = IntegrationStatus::kConnected;
  i.connection_id = c.id;
  i.updated_at_ms = c.created_at_ms;
  if (!store.put_connection(c).ok() || !store.put_integration(i).ok()) std::abort();

  CrashPoints crash(sink);
  SerializedLog log(sink, crash);
  GuardedStore guarded(store, crash);
  Receiver receiver(guarded, crypto, clock, log);
  const Receipt first = receiver.receive("conn-acme", body);
  // The same delivery again is Lever's retry: never a second effect.
  const Receipt again = receiver.receive("conn-acme", body);
  if (first.status == 200 && again.result != "duplicate") {
    std::fprintf(stderr, "a repeated delivery was not a duplicate: %s then %s\n",
                 first.result.c_str(), again.result.c_str());
    std::abort();
  }
  return 0;
}
