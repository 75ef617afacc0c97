// Integrations: the connection and status machine behind the Justworks
// integrations page — setup, the OAuth callback, finish, disconnect, status
// and retry (SETUP-*, REVOKE-3/4).
//
//   not_connected ──callback ok──► awaiting_webhook ──finish ok──► connected
//        ▲                                                           │
//        └──────────── disconnect (any state) ◄──────────────────────┤
//   disconnected ◄── Lever refuses the credentials (REVOKE-2) ───────┘
//   disconnected ──start_setup──► not_connected; a new consent makes a new connection.
//
// Threads: any; state lives in the Store, reached through its GuardedStore.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lever/parse.h"
#include "ports/clock.h"
#include "ports/guarded_store.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "ports/random.h"
#include "sync/api_reply.h"
#include "sync/lever_session.h"
#include "sync/page_auth.h"
#include "sync/page_caller.h"
#include "sync/period_ledger.h"
#include "sync/revocation.h"
#include "sync/settings.h"
#include "sync/setup_retries.h"

namespace hiresync {

class Integrations {
 public:
  struct Ports {
    const CoreSettings& settings;  // URLs, the Lever app, the Justworks tokens
    const Clock& clock;
    Random& random;       // OAuth state, connection ids
    HttpClient& http;     // Justworks' admin check, Lever's token exchange
    GuardedStore& store;  // integrations, connections, OAuth states
    Log& log;
    const LeverPorts& lever;  // sessions of a connection
    PeriodLedger& periods;    // REL-7: connect and disconnect open and end periods
    Revocation& revocation;   // REVOKE-2, noticed at Finish setup
  };
  explicit Integrations(const Ports& ports);

  // The page calls: each admits only a verified Justworks admin (PageAuth)
  // and acts on that admin's company.
  ApiReply start_setup(const PageRequest& request);
  ApiReply oauth_callback(const std::map<std::string, std::string>& query);
  ApiReply finish_setup(const PageRequest& request);
  ApiReply disconnect(const PageRequest& request);
  ApiReply page_status(const PageRequest& request);
  ApiReply retry(const PageRequest& request, const std::optional<std::string>& opportunity_id);

  // The company's status for the host's own reading, in-process: no caller.
  ApiReply status(const std::string& company);

  // Setup steps waiting out a Lever 429 (sync/setup_retries.h): runs those
  // due now and returns how many ran; when the next one is due.
  int run_due();
  std::optional<int64_t> next_due_ms() const;

 private:
  ApiReply start_setup_for(const Caller& caller);
  // `tries`: how many earlier tries of this step Lever refused with 429.
  ApiReply finish_setup_for(const std::string& company, int tries = 0);
  ApiReply disconnect_for(const std::string& company);
  ApiReply retry_for(const std::string& company, const std::optional<std::string>& opportunity_id);
  ApiReply callback_error(const OAuthState& state, const std::string& error,
                          const std::string& description);
  ApiReply connect(const OAuthState& state, const std::string& code, int tries = 0);
  // After the code exchange: our webhook, then the integration awaits Verify.
  ApiReply attach_webhook(const OAuthState& state, Connection conn, int tries);
  // SETUP-4: exactly one candidateHired webhook of ours for this company.
  Result<lever::Webhook> replace_webhooks(LeverSession& lever, const Connection& connection);
  // Lever answered `retry`'s step with 429 asking to wait `wait_ms`: queue the
  // step again (202), or after kSetupTriesMax tries fail it visibly.
  ApiReply wait_or_fail(SetupRetry retry, int64_t wait_ms);
  ApiReply run_retry(const SetupRetry& retry);
  IntegrationStatus current_status(const std::string& company);
  void set_last_error(const std::string& company, const std::string& message);

  Ports ports_;
  PageAuth auth_;
  SetupRetries retries_;
};

}  // namespace hiresync
