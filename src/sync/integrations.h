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
#include "sync/period_ledger.h"
#include "sync/revocation.h"
#include "sync/settings.h"

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

  ApiReply start_setup(const std::string& company, const std::string& member_email);
  ApiReply oauth_callback(const std::map<std::string, std::string>& query);
  ApiReply finish_setup(const std::string& company, const std::string& member_email);
  ApiReply disconnect(const std::string& company, const std::string& member_email);
  ApiReply status(const std::string& company);
  ApiReply retry(const std::string& company, const std::optional<std::string>& opportunity_id);

 private:
  // SETUP-1: nullopt when `member_email` is an admin of `company` in Justworks;
  // else the reply to give (403, or why it could not be checked).
  std::optional<ApiReply> require_admin(const std::string& company,
                                        const std::string& member_email);
  ApiReply callback_error(const OAuthState& state, const std::string& error,
                          const std::string& description);
  ApiReply connect(const OAuthState& state, const std::string& code);
  // SETUP-4: exactly one candidateHired webhook of ours for this company.
  Result<lever::Webhook> replace_webhooks(const Connection& connection);
  void set_last_error(const std::string& company, const std::string& message);

  Ports ports_;
};

}  // namespace hiresync
