// SyncCore: the integration service Justworks runs in production. It owns the
// OAuth connection to each company's Lever account, the Lever webhook, the
// receiver, the durable job queue and the worker that turns a hire into a
// pending hire plus emails. It reaches the world only through its ports.
//
// Threads: the receiver and API methods may be called from HTTP server
// threads while the worker runs; every Store call goes through one
// GuardedStore (ports/guarded_store.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ports/clock.h"
#include "ports/crypto.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "ports/random.h"
#include "ports/store.h"
#include "sync/api_reply.h"
#include "sync/core_config.h"
#include "sync/page_caller.h"

namespace hiresync {

struct CorePorts {
  const Clock& clock;
  Random& random;
  HttpClient& http;
  Store& store;
  Crypto& crypto;
  Log& log;
};

class SyncCore {
 public:
  SyncCore(CoreConfig config, CorePorts ports);
  ~SyncCore();

  // --- The Justworks integrations page (Company › Integrations › Lever) ---
  // Every page call carries the caller's Justworks session credential; the
  // core asks Justworks whose it is and acts only for an active admin, only
  // in that admin's company: 401 without a live session, 403 for a non-admin
  // (SETUP-1) or a request naming another company, 404 for a company this
  // core does not serve (sync/page_auth.h).
  //
  // Setup › Get started › Connect to Lever. 200 {"authorize_url"}.
  ApiReply start_setup(const PageRequest& request);
  // The OAuth redirect target: code+state, or error+error_description. Its
  // caller is the single-use state start_setup gave an admin (SETUP-2).
  ApiReply oauth_callback(const std::map<std::string, std::string>& query);
  // Finish setup: 200 {"status":"connected"} or 409 naming the missing step.
  ApiReply finish_setup(const PageRequest& request);
  ApiReply disconnect(const PageRequest& request);
  // The page's view: {"status", "last_error", "webhook", "sync_log": [...]}.
  ApiReply page_status(const PageRequest& request);
  // Requeues failed hires (all of the company's, or one opportunity's).
  ApiReply retry(const PageRequest& request, const std::optional<std::string>& opportunity_id);

  // The same view as page_status, read in-process by the host (the
  // simulator's expectations and polling): no caller, no call to Justworks.
  ApiReply status(const std::string& company);

  // --- The receiver: verify, drop duplicates, persist, answer. Nothing else. ---
  ApiReply receive_webhook(const std::string& connection_id, std::string_view body);

  // --- The worker and reconciliation (REL-7) ---
  // Runs every reconciliation and job due at the clock's now; returns how
  // many it ran. The first call after a start records what the downtime owes.
  int run_due();
  // When the next reconciliation or queued job becomes due, if any.
  std::optional<int64_t> next_due_ms();

  // --- Fault injection, for the simulator's core.crash ---
  // `hook` is asked at each crash point: "after_ack" (a delivery queued a
  // hire and its 200 is decided), "after_fetch" (Lever and Justworks read,
  // nothing created), "after_create" (Justworks created the pending hire, the
  // core has not recorded it), "before_email" (before each email is sent),
  // "after_refresh" (Lever rotated the tokens, the core has not stored them).
  // When it answers true the core stops there, as if killed: the call ends
  // through its normal error paths while the core's store, HTTP client and
  // log refuse everything (it writes and sends nothing more); every later
  // call answers 503 and run_due() returns 0. The host then drops it.
  // Restart = a new SyncCore on the same database (ports/crash_points.h).
  // REQUIRES: set before the core is shared with threads.
  void set_fault_hook(std::function<bool(std::string_view point)> hook);
  bool crashed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hiresync
