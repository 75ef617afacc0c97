// Receiver: what the core does with one Lever webhook POST — verify, drop
// duplicates, persist, answer. Nothing else: it never calls Lever or Justworks
// (REL-6); the worker does the rest at its own pace.
//
// Threads: called from HTTP server threads; the Store is reached through the
// core's GuardedStore.
#pragma once

#include <string>
#include <string_view>

#include "ports/clock.h"
#include "ports/crypto.h"
#include "ports/guarded_store.h"
#include "ports/log.h"

namespace hiresync {

// The receiver's answer: the HTTP status and a short word for the body.
struct Receipt {
  int status = 200;
  std::string result;   // "queued", "duplicate", "verified", "ignored", or an error code
  std::string message;  // for errors and ignored deliveries; never holds a secret
};

// How long a delivery token is remembered, and so how old a delivery's
// triggeredAt may be: a day outlives Lever's whole retry schedule
// (1 m + 5 m + 30 m + 2 h + 6 h, about 8.6 h) with room for clock skew.
// An older delivery is refused (400 stale): its token may have been forgotten,
// so accepting it could run a hire twice.
inline constexpr int64_t kDedupeHorizonMs = 24LL * 3600 * 1000;

class Receiver {
 public:
  Receiver(GuardedStore& store, const Crypto& crypto, const Clock& clock, Log& log);

  // 404 unknown connection; 400 malformed or stale (kDedupeHorizonMs); 401 bad signature (no side
  // effect); 200 for a replay (no effect), a Verify test delivery, a queued
  // hire, or an ignored event; 500 when the store fails (Lever retries).
  Receipt receive(const std::string& connection_id, std::string_view body);

 private:
  // `triggered_at_ms`: when Lever first sent it (its retries keep it).
  // Inside the delivery's transaction, on the Store it hands out.
  Receipt record_hire(Store& db, const Connection& connection, const std::string& opportunity_id,
                      int64_t triggered_at_ms);

  GuardedStore& store_;
  const Crypto& crypto_;
  const Clock& clock_;
  Log& log_;
  int64_t pruned_at_ms_ = 0;  // inside a transaction: when forget_deliveries_before last ran
};

}  // namespace hiresync
