// FakeLever's private implementation, shared by its source files: the state,
// the HTTP dispatcher's view of a request, and the helpers the OAuth server,
// Data API, webhook sender and UI actions have in common.
//
// Locking: every member below `mu` is guarded by it. HTTP handlers run with
// `mu` held (the dispatcher takes it); public FakeLever methods take it
// themselves and release it while sending webhook deliveries, so a receiver
// that calls back into this fake cannot deadlock.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/http_server.h"
#include "fake_lever/fake_lever.h"
#include "fake_lever/http_util.h"
#include "fake_lever/state.h"
#include "ports/random.h"

namespace sim::lever {

using hiresync::Result;
using hiresync::Status;

// The ten webhook events Lever sends, and the four that take conditions.
extern const std::vector<std::string> kWebhookEvents;
extern const std::vector<std::string> kConditionalEvents;

// obj[key], or null when absent: safe on objects edited by set().
inline const json& field(const json& obj, const char* key) {
  static const json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

// One HTTP request as a handler sees it.
struct Call {
  const httplib::Request& http;
  std::vector<std::string> args;  // the values of the route's ':' segments, in order

  bool has(const std::string& name) const;
  std::string query(const std::string& name) const;  // the first value, or ""
  // Every value of a repeatable parameter, in both the repeated
  // (?expand=a&expand=b) and the comma-joined (?expand=a,b) forms.
  std::vector<std::string> all(const std::string& name) const;
};

// Who is calling the Data API: the grant behind a valid bearer token.
struct ApiCaller {
  Account* account = nullptr;
  const Grant* grant = nullptr;
  // A write scope implies the matching read scope ("view and manage").
  bool has_scope(const std::string& scope) const;
};

// Which referenced fields `expand` may inline, and from which collection.
struct Expansion {
  const char* field;
  Collection Account::*target;
};

// `expand` and `include` of a read request.
struct Shape {
  std::set<std::string> expand, include;
  bool plain() const { return expand.empty() && include.empty(); }
};
Shape shape_of(const Call& call);

// One object a list may serve, with its position in its container (the
// paging token names that position, which never changes).
struct ListRow {
  size_t position;
  const Stored* stored;
};

struct FakeLever::Impl {
  Impl(const VirtualClock& clock, uint64_t seed, hiresync::HttpClient& http, LeverKnobs knobs);

  const VirtualClock& clock;
  hiresync::HttpClient& webhook_http;
  const LeverKnobs knobs;
  Journal journal;           // requests the fake received
  Journal delivery_journal;  // webhook deliveries it sent
  hiresync::LoopbackServer server;

  mutable std::mutex mu;  // guards everything below
  hiresync::SeededRandom random;
  std::string base_url;
  std::map<std::string, Account> accounts;
  std::map<std::string, OAuthApp> apps;
  std::unordered_map<std::string, AuthCode> codes;
  std::vector<Grant> grants;
  std::unordered_map<std::string, AccessToken> access_tokens;
  std::unordered_map<std::string, RefreshToken> refresh_tokens;
  std::map<std::pair<std::string, std::string>, Bucket> buckets;  // (account, client_id)
  std::deque<Webhook> webhooks;  // creation order; deleted ones stay, flagged
  int64_t delivery_seq = 0;
  struct ArmedDeliveryFault {
    DeliveryFault fault;
    int seen = 0, fired = 0;
  };
  std::vector<ArmedDeliveryFault> delivery_faults;
  std::vector<std::string> secrets;

  int64_t now() const { return clock.now_ms(); }
  std::string new_id();  // a UUID-shaped id from the seeded generator
  // A random secret, remembered for issued_secrets().
  std::string new_secret(size_t length, const std::string& prefix = {});

  // --- http_dispatch.cc
  void install_routes();
  Reply route(const httplib::Request& req);

  // --- accounts.cc
  Result<Account*> find_account(const std::string& id);
  Result<Stored*> find_opportunity(Account& account, const std::string& id);
  // The user id of the acting Lever user; empty `email` = the first active
  // super admin of the account.
  Result<std::string> resolve_actor(Account& account, const std::string& email);
  bool can_manage_integrations(const Account& account, const json& user) const;
  Status require_manage_integrations(Account& account, const std::string& actor_email);
  // The posting id of the opportunity's application, or "".
  std::string posting_of(const Account& account, const json& opportunity) const;

  // --- oauth.cc
  Result<std::string> consent_locked(const std::string& authorize_url, const std::string& actor,
                                     bool accept);
  Reply http_authorize_page(const Call& call);
  Reply http_authorize_submit(const Call& call);
  Reply http_token(const Call& call);
  Reply exchange_code(const Params& form);
  Reply exchange_refresh_token(const Params& form);
  Reply issue_tokens(size_t grant);
  bool app_authorized(const std::string& account, const std::string& client_id) const;
  // FakeLever::reuse_refresh_token, with `mu` held.
  Result<std::string> reuse_refresh_token(const std::string& account, const std::string& client_id);

  // --- api_auth.cc
  // Checks the bearer token, the rate limit and `scope`; on refusal returns
  // the reply to send.
  std::optional<Reply> authenticate(const Call& call, const std::string& scope, ApiCaller& out);
  std::optional<Reply> require_scope(const ApiCaller& caller, const std::string& scope);
  // 403 unless the caller may see a confidential object.
  std::optional<Reply> check_confidential(const ApiCaller& caller, const json& obj);

  // --- listing.cc
  json render(const Account& account, const json& obj, const Shape& shape,
              const std::vector<Expansion>& expansions) const;
  Reply one_reply(const Account& account, const Stored& stored, const Shape& shape,
                  const std::vector<Expansion>& expansions) const;
  // A page of `rows` per `limit`/`offset`; `container_at` finds the object
  // at a paging token's position, to check the token.
  Reply list_reply(const Call& call, const Account& account, const std::vector<ListRow>& rows,
                   const std::function<const Stored*(size_t)>& container_at,
                   const std::vector<Expansion>& expansions) const;
  // Rows of a whole collection passing `keep`.
  static std::vector<ListRow> rows_of(const Collection& collection,
                                      const std::function<bool(const json&)>& keep);

  // --- data_api.cc
  Reply api_list_opportunities(const Call& call);
  Reply api_get_opportunity(const Call& call);
  Reply api_list_applications(const Call& call);
  Reply api_get_application(const Call& call);
  Reply api_list_offers(const Call& call);
  Reply api_offer_download(const Call& call);
  Reply api_list_resumes(const Call& call);
  Reply api_get_resume(const Call& call);
  Reply api_list_files(const Call& call);
  Reply api_get_file(const Call& call);
  Reply api_list_postings(const Call& call);
  Reply api_get_posting(const Call& call);
  Reply api_list_users(const Call& call);
  Reply api_get_user(const Call& call);
  Reply api_list_stages(const Call& call);
  Reply api_get_stage(const Call& call);
  Reply api_list_archive_reasons(const Call& call);
  Reply api_get_archive_reason(const Call& call);
  Reply api_get_contact(const Call& call);
  Reply api_list_requisitions(const Call& call);
  Reply api_get_requisition(const Call& call);
  // The opportunity named by the route's first argument, visible to the caller.
  std::optional<Reply> opportunity_for(const Call& call, const std::string& scope,
                                       ApiCaller& caller, Stored*& out);

  // --- webhooks_api.cc
  Reply api_list_webhooks(const Call& call);
  Reply api_create_webhook(const Call& call);
  Reply api_update_webhooks(const Call& call);
  Reply api_delete_webhook(const Call& call);
  Webhook* find_webhook(const ApiCaller& caller, const std::string& id);

  // --- deliveries.cc
  // Queues `event` (due now) for every live webhook of the account that
  // subscribes to it; `opportunity` is matched against conditions.
  void emit_event(Account& account, const std::string& event, const json& data,
                  const json* opportunity);
  bool webhook_live(const Webhook& webhook) const;
  std::string delivery_body(const Webhook& webhook, const std::string& event_id,
                            const std::string& event, const json& data);
  // The body a retry or Rerun of `delivery` sends: the recorded bytes, or
  // with retry_token = mint a fresh token and triggeredAt, signed anew.
  std::string resend_body(const Webhook& webhook, const Delivery& delivery);
  void record_attempt(Delivery& delivery, const Result<hiresync::HttpResponse>& answer);
  // Matches a delivery about to be sent for the first time against the armed
  // delivery faults; returns the one that hits it.
  std::optional<DeliveryFault> take_delivery_fault(const Delivery& delivery);
  // `what` names the delivery in the delivery journal, e.g. "candidateHired".
  Result<hiresync::HttpResponse> send_delivery(const std::string& url, const std::string& body,
                                               const std::string& what);
};

// Appends to a webhook's delivery history, dropping the oldest finished
// deliveries beyond Lever's 1,000.
void add_to_history(Webhook& webhook, Delivery delivery);
bool is_2xx(const Result<hiresync::HttpResponse>& answer);

}  // namespace sim::lever
