// SetupRetries: Connect to Lever and Finish setup, waiting out Lever's rate
// limit. A 429 to one of their Lever calls does not fail the step: it runs
// again after Retry-After on the core's clock, as the worker retries a hire
// (REL-1), but only kSetupTriesMax times in all — an admin is waiting on the
// page, so after that the page shows the failure and the step is theirs to
// repeat.
//
// What waits is kept in memory: a restart forgets it (the page still shows
// the wait's message; connecting or finishing again starts over). The OAuth
// code of a token exchange still to try is never written anywhere.
//
// Threads: any; one mutex guards the queue.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "ports/store.h"

namespace hiresync {

// Tries of one setup step (the first one included) before it fails.
inline constexpr int kSetupTriesMax = 5;

struct SetupRetry {
  enum class Step {
    kExchange,  // Connect: the code exchange with Lever's token endpoint
    kWebhook,   // Connect: replacing our webhook (the connection is stored)
    kFinish,    // Finish setup: checking our webhook in Lever
  };
  Step step = Step::kExchange;
  OAuthState state;           // who connected (kExchange, kWebhook)
  std::string code;           // kExchange only
  std::string connection_id;  // kWebhook only
  std::string company;
  int tries = 0;  // tries made so far
  int64_t due_ms = 0;
};

const char* to_string(SetupRetry::Step step);

class SetupRetries {
 public:
  // Queues `retry` for its company, replacing any retry it had.
  void schedule(SetupRetry retry);
  // Forgets the company's retry (a disconnect, or the step succeeded).
  void cancel(const std::string& company);
  // Removes and returns one retry due at `now_ms`, if any.
  std::optional<SetupRetry> take_due(int64_t now_ms);
  std::optional<int64_t> next_due_ms() const;
  std::optional<SetupRetry> of(const std::string& company) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, SetupRetry> by_company_;
};

}  // namespace hiresync
