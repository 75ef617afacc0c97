// FakeLever: a stateful stand-in for Lever — its OAuth server (/authorize,
// /oauth/token), Data API v1 (/v1/...), webhook sender, and the actions a
// Lever user takes in the UI. Written from shared/reference/lever-api.md,
// independently of the core: it shares no Lever types, JSON or signing code.
//
// Several Lever accounts may live in one FakeLever (SEC-4): a user logs in to
// exactly one account, and every token is bound to the account it was issued in.
//
// Threads: HTTP handlers run on server threads; UI actions and deliveries on
// the runner's thread. All state is behind one mutex. Webhook deliveries are
// never sent from a handler: actions queue them, deliver_due() sends them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/journal.h"
#include "common/status.h"
#include "common/virtual_clock.h"
#include "fake_lever/switches.h"
#include "ports/http_client.h"

namespace hiresync {
struct ServerTimeouts;
}  // namespace hiresync

namespace sim::lever {

// An OAuth partner app as Lever staff register it.
struct OAuthApp {
  std::string client_id;
  std::string client_secret;
  std::string name;
  std::vector<std::string> redirect_uris;  // exact matches only
  std::vector<std::string> scopes;         // the most the app may request
};

// Behaviour the reference marks unknown, as settings (see
// docs/decisions/fake_lever.md).
struct LeverKnobs {
  bool revoke_kills_live_tokens = true;  // revoke rejects unexpired access tokens at once
  bool revoke_stops_webhooks = true;     // revoke stops the app's webhook deliveries
  int retry_after_s = 1;                 // Retry-After on 429
  // The Data API's token bucket, per account and app, on the virtual clock.
  // rate_limit_burst = 0 turns rate limiting off.
  double rate_limit_per_s = 10;
  int rate_limit_burst = 20;
};

// Something going wrong between Lever's webhook sender and the receiver, for
// a scenario's {"fault": {"target": "lever", "deliveries": ...}}. It applies
// to a delivery's first attempt; Lever's own retries are not re-matched.
struct DeliveryFault {
  // duplicate: the delivery arrives twice (a proxy or Lever resending it).
  // reorder: it is sent after every other delivery due at the same moment.
  // delay: its first attempt happens `delay_ms` later.
  std::string kind;
  std::string event;        // only deliveries of this event ("" = any)
  std::string opportunity;  // only deliveries about this opportunity ("" = any)
  int64_t delay_ms = 0;
  int times = 1;  // how many matching deliveries it hits
  int after = 0;  // matching deliveries let through first
};

class FakeLever {
 public:
  // `webhook_http` sends webhook deliveries to their receivers.
  FakeLever(const VirtualClock& clock, uint64_t seed, hiresync::HttpClient& webhook_http,
            LeverKnobs knobs = {});
  ~FakeLever();

  // Adds an account from a world's "lever" object (Lever's own shapes; Lever's
  // defaults fill what is absent). `where` names the source in errors, e.g.
  // "fixtures/worlds/acme.json"; an invalid world is refused naming the JSON
  // path, which starts with `pointer_prefix` (where the object sits in that
  // file, e.g. "/tenants/acme/lever"). Besides Lever's collections the object
  // may hold "settings": {"roles_with_manage_integrations": [...],
  // "offer_approval_required": bool}; keys starting with '_' are comments.
  hiresync::Status add_account(const std::string& account_id, const nlohmann::json& lever,
                               const std::string& where,
                               const std::string& pointer_prefix = "/lever");
  void register_app(OAuthApp app);

  hiresync::Status start();
  // With the server's timeouts other than the defaults (a test's short ones).
  hiresync::Status start(const hiresync::ServerTimeouts& timeouts);
  void stop();
  std::string base_url() const;

  // --- What a Lever user does in the UI. `actor` is a Lever user's email;
  // empty means the account's first super admin. Illegal moves are refused
  // with a message a person would understand. ---
  //
  // The consent screen: `authorize_url` is what the integration sent the
  // browser to; returns the URL Lever redirects the browser to (with code or
  // error). A bad client_id or redirect_uri is an error, not a redirect.
  hiresync::Result<std::string> consent(const std::string& authorize_url, const std::string& actor,
                                        bool accept);
  hiresync::Status set_webhook_enabled(const std::string& account, const std::string& event,
                                       bool enabled, const std::string& actor);
  // Verify Connection: sends a signed test delivery with data {} right away;
  // "Verified" on a 2xx answer, else "Failed".
  hiresync::Result<std::string> verify_webhook(const std::string& account, const std::string& event,
                                               const std::string& actor);
  hiresync::Status choose_job(const std::string& account, const std::string& opportunity,
                              const std::string& posting, const std::string& actor);
  hiresync::Status move_stage(const std::string& account, const std::string& opportunity,
                              const std::string& stage, const std::string& actor);
  // `fields` keyed by identifier (salary_amount, ...; custom ones as
  // {"text","value"}). Returns the new offer's id.
  hiresync::Result<std::string> create_offer(const std::string& account,
                                             const std::string& opportunity,
                                             const nlohmann::json& fields,
                                             const std::string& actor);
  // `action`: approve | send | send_outside | mark_signed | decline (also
  // request_approval and open). Acts on the opportunity's most recent offer
  // unless `offer_id` names one.
  hiresync::Status offer_action(const std::string& account, const std::string& opportunity,
                                const std::optional<std::string>& offer_id,
                                const std::string& action, const std::string& actor);
  hiresync::Status hire(const std::string& account, const std::string& opportunity,
                        const std::string& actor);
  hiresync::Status unhire(const std::string& account, const std::string& opportunity,
                          const std::string& actor);
  // Queues the candidateHired Lever sent when the opportunity was archived as
  // hired, without changing the opportunity: for a world that is an export
  // taken after that moment (hiresim repro). Refused unless the opportunity
  // is archived with a hired reason; a webhook that is off receives nothing,
  // as with hire.
  hiresync::Status deliver_hired(const std::string& account, const std::string& opportunity);
  // Archive with a non-hired reason (text or id).
  hiresync::Status archive(const std::string& account, const std::string& opportunity,
                           const std::string& reason, const std::string& actor);
  // Authorized Apps › Revoke access.
  hiresync::Status revoke(const std::string& account, const std::string& client_id,
                          const std::string& actor);
  // The account's switches (world settings, fake_lever/switches.h).
  hiresync::Result<LeverSwitches> switches(const std::string& account) const;
  // Presents the app's newest rotated refresh token to the token endpoint
  // again, as a second copy of the integration (or a thief) would: inside
  // refresh_grace_s it works; after, refresh_reuse = revoke_family kills
  // every token of that consent. Returns what Lever answered, in words.
  hiresync::Result<std::string> reuse_refresh_token(const std::string& account,
                                                    const std::string& client_id);
  // Edits the account's data: `pointer` like "/opportunities/opp-x/emails"
  // (collections keyed by id; offers as "/offers/<opportunity>/<offer>/...";
  // "/settings/..." for the account settings). The edited object must stay
  // valid. Emits no webhook: use the actions for events.
  hiresync::Status set(const std::string& account, const std::string& pointer,
                       const nlohmann::json& value);

  // --- Webhook deliveries (first attempts and retries) ---
  std::optional<int64_t> next_delivery_due_ms() const;
  // Sends every delivery due at the clock's now; returns how many were sent.
  int deliver_due();
  // Resends (byte for byte, or re-minted under retry_token = mint) the
  // latest recorded delivery matching `event`
  // and/or `opportunity` (empty = any); returns the receiver's HTTP status.
  hiresync::Result<int> replay(const std::string& account, const std::string& event,
                               const std::string& opportunity);
  // Arms a delivery fault for the deliveries sent from now on.
  void add_delivery_fault(DeliveryFault fault);
  void clear_delivery_faults();

  // For a scenario's webhook.send: `body` (an object) signed as Lever signs a
  // delivery, with the signature token of the account's newest webhook for
  // `event`. A missing `token` or `triggeredAt` is filled in (a fresh token,
  // the clock's now). Returns the serialized body to POST.
  hiresync::Result<std::string> sign_delivery(const std::string& account, const std::string& event,
                                              nlohmann::json body);

  // --- Views for expectations and reports ---
  // Lever's view of the account's webhooks: [{id, url, event, client_id,
  // enabled, verified ("Verified"|"Failed"|null), deliveries: [{event,
  // opportunityId, attempts, last_status, delivered, outcome, rerun}]}].
  nlohmann::json webhooks_view(const std::string& account) const;
  // For the explanation of a run: {"hired": [{id, archivedAt}], "webhooks":
  // [{id, event, deleted, event_enabled, app_authorized, live, deliveries:
  // [{event, opportunityId, attempts, last_status, outcome, rerun}]}]},
  // deleted webhooks included. No secret (no signature token, no body).
  nlohmann::json explain_view(const std::string& account) const;
  const Journal& journal() const;
  // The webhook deliveries it sent (first attempts, retries, reruns, Verify),
  // with the receiver's status (0 when no answer came).
  const Journal& delivery_journal() const;
  // Both journals keep each request's and answer's body, masked and cut
  // (Journal::keep_bodies): for `hiresim serve`'s inspector.
  void keep_bodies_in_journals(bool on);
  // Every secret this fake issued (codes, tokens, signature tokens, client
  // secrets), for the check that none is ever printed (TOKEN-2).
  std::vector<std::string> issued_secrets() const;

  // The implementation (impl.h). Named here only so the fake's own source
  // files can use it; nothing outside sim/fake_lever/ can, as impl.h is private.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::lever
