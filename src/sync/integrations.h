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
// Threads: any; state lives in the Store behind CoreContext::store_mu.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lever/parse.h"
#include "sync/context.h"

namespace hiresync {

class Integrations {
 public:
  explicit Integrations(CoreContext& ctx);

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

  CoreContext& ctx_;
};

}  // namespace hiresync
