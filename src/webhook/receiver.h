// Receiver: what the core does with one Lever webhook POST — verify, drop
// duplicates, persist, answer. Nothing else: it never calls Lever or Justworks
// (REL-6); the worker does the rest at its own pace.
//
// Threads: called from HTTP server threads; every Store access holds
// `store_mu`, the lock SyncCore uses for its Store.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "ports/clock.h"
#include "ports/crypto.h"
#include "ports/log.h"
#include "ports/store.h"

namespace hiresync {

// The receiver's answer: the HTTP status and a short word for the body.
struct Receipt {
  int status = 200;
  std::string result;   // "queued", "duplicate", "verified", "ignored", or an error code
  std::string message;  // for errors and ignored deliveries; never holds a secret
};

class Receiver {
 public:
  Receiver(Store& store, std::mutex& store_mu, const Crypto& crypto, const Clock& clock, Log& log);

  // 404 unknown connection; 400 malformed; 401 bad signature (no side
  // effect); 200 for a replay (no effect), a Verify test delivery, a queued
  // hire, or an ignored event; 500 when the store fails (Lever retries).
  Receipt receive(const std::string& connection_id, std::string_view body);

 private:
  // `triggered_at_ms`: when Lever first sent it (its retries keep it).
  Receipt record_hire(const Connection& connection, const std::string& opportunity_id,
                      int64_t triggered_at_ms);

  Store& store_;
  std::mutex& store_mu_;
  const Crypto& crypto_;
  const Clock& clock_;
  Log& log_;
};

}  // namespace hiresync
