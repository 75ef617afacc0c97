// Store: the core's durable state. Integrations (what the Justworks page
// shows), Lever connections (tokens + webhook), OAuth states, the delivery
// tokens already seen, hires (one row per company and opportunity: the job
// while queued or running, the sync-log entry always) and the email outbox.
// The adapter is SQLite (adapters/sqlite_store.h).
//
// Threads: not thread-safe. SyncCore serializes every call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace hiresync {

// The integration's status as the Justworks integrations page shows it (SETUP-6).
enum class IntegrationStatus { kNotConnected, kAwaitingWebhook, kConnected, kDisconnected };

// Where one hire is: queued → running → done | failed; ignored when it arrived
// while the integration was not connected (HIRE-2).
enum class HireState { kQueued, kRunning, kDone, kFailed, kIgnored };

// One email of the outbox: pending until Justworks accepted it (sent) or
// refused it for good (rejected, e.g. the admin left meanwhile).
enum class OutboxState { kPending, kSent, kRejected };

std::string_view to_string(IntegrationStatus status);
std::string_view to_string(HireState state);
std::string_view to_string(OutboxState state);
std::optional<IntegrationStatus> parse_integration_status(std::string_view text);
std::optional<HireState> parse_hire_state(std::string_view text);
std::optional<OutboxState> parse_outbox_state(std::string_view text);

// What the integrations page shows for one Justworks company.
struct Integration {
  std::string company;
  IntegrationStatus status = IntegrationStatus::kNotConnected;
  std::optional<std::string> last_error;
  std::string connection_id;  // the current Lever connection; empty when there is none
  int64_t updated_at_ms = 0;
};

// One consent to one Lever account: its tokens and its webhook. The id is
// random and not secret: it is the last segment of the webhook URL, so the
// receiver knows which signature token to check (SEC-4). Retiring a
// connection wipes its secrets (empty strings).
struct Connection {
  std::string id;
  std::string company;
  std::string access_token;
  std::string refresh_token;
  int64_t access_expires_at_ms = 0;
  std::string webhook_id;
  std::string webhook_url;
  std::string signature_token;
  int64_t webhook_created_at_ms = 0;
  bool webhook_verified = false;  // a signed Verify delivery arrived since the webhook was created
  int64_t created_at_ms = 0;
};

// An OAuth `state`: single use, bound to the company and the admin who started setup.
struct OAuthState {
  std::string state;
  std::string company;
  std::string member_email;
  int64_t expires_at_ms = 0;
};

// One hire of one opportunity in one company. While queued or running it is a
// job; the progress fields let a rerun after a crash resume where it stopped.
struct Hire {
  int64_t id = 0;  // 0 until first stored
  std::string company;
  std::string opportunity_id;
  std::string connection_id;  // the connection whose delivery created it
  HireState state = HireState::kQueued;
  int64_t due_ms = 0;
  int attempts = 0;  // failed attempts that count towards the limit (not 429s)
  int generation =
      1;  // part of the idempotency key; > 1 only after earlier pending hires were closed
  std::string reason;  // why it failed, was ignored, or what it did
  // Step 1, the intent: the exact body and key of POST /internal/v1/pending_hires.
  std::string request_body;
  std::string idempotency_key;
  std::string candidate_name;  // for the email
  std::string title;           // for the email
  // Step 2, the pending hire Justworks created.
  std::string pending_hire_id;
  std::string review_url;
  // Step 3, the outbox (rows in the outbox; built = the recipients are fixed).
  bool outbox_built = false;
  int emails_sent = 0;
  int64_t updated_at_ms = 0;
  // REL-7: no delivery of this hire arrived; reconciliation with Lever found
  // it. `hired_at_ms` is when Lever made the hire this row is about: the
  // archivedAt reconciliation read, or the delivery's triggeredAt (0 on rows
  // older than the column), so a late delivery of the same hire is known as
  // one, and a later hire of the same opportunity is not.
  bool found_by_reconciliation = false;
  int64_t hired_at_ms = 0;
  // A delivery the receiver had not seen came for this hire once it was
  // done: Lever hired the candidate again, or resent this very hire with a
  // new token and triggeredAt (a minted retry or Rerun, past the event-id
  // check). Which, only Lever's archivedAt tells, so the worker reads it:
  // this is the hire the row synced (its hired_at_ms); 0 otherwise.
  int64_t resend_of_ms = 0;
};

// REL-7: a stretch of time in which the integration was connected: from
// Finish setup until a disconnect, a reconnect or a noticed revocation.
// Only hires archived inside one are ever reconciled.
struct ConnectedPeriod {
  std::string company;
  int64_t start_ms = 0;
  std::optional<int64_t> end_ms;  // nullopt while still connected
};

// REL-7: what one company's reconciliation still owes. `unseen_since_ms` is
// the watermark: hires archived from then until `unseen_until_ms` may have
// had every delivery lost (the core was down, or refused a delivery, or a
// webhook went away with retries pending); nullopt when every hire up to the
// last reconciliation is accounted for.
struct Reconciliation {
  std::string company;
  std::optional<int64_t> unseen_since_ms;
  int64_t unseen_until_ms = 0;
  int64_t due_ms = 0;  // when to try next
  int attempts = 0;    // failed runs since the last success
  std::string last_error;
  int64_t reconciled_at_ms = 0;  // the last run that succeeded
};

struct OutboxEmail {
  std::string key;  // also the Idempotency-Key of POST /internal/v1/emails
  int64_t hire_id = 0;
  int seq = 0;  // send order within the hire
  std::string to;
  std::string subject;
  std::string text;
  std::string link;
  OutboxState state = OutboxState::kPending;
  std::string reason;
  int64_t updated_at_ms = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `body` as one transaction: all of its writes land or none do (when
  // `body` returns an error, or the process dies before the commit). A call
  // inside `body` joins the outer transaction.
  virtual Status atomically(const std::function<Status()>& body) = 0;

  virtual Result<std::optional<Integration>> integration(const std::string& company) = 0;
  virtual Status put_integration(const Integration& integration) = 0;

  virtual Result<std::optional<Connection>> connection(const std::string& id) = 0;
  virtual Status put_connection(const Connection& connection) = 0;

  virtual Status put_oauth_state(const OAuthState& state) = 0;
  // Returns and deletes the state: a state is good for one callback only.
  virtual Result<std::optional<OAuthState>> take_oauth_state(const std::string& state) = 0;

  // Records a delivery's token; false when it was recorded before (a replay, SEC-2).
  virtual Result<bool> remember_delivery(const std::string& connection_id, const std::string& token,
                                         int64_t received_at_ms) = 0;
  // Forgets the tokens received before `ms`: the receiver refuses deliveries
  // that old anyway, so the table stays as small as the dedupe horizon.
  virtual Status forget_deliveries_before(int64_t ms) = 0;

  virtual Result<std::optional<Hire>> hire(const std::string& company,
                                           const std::string& opportunity_id) = 0;
  // Inserts (id 0) or replaces by id; returns the id. (company, opportunity) is unique.
  virtual Result<int64_t> put_hire(const Hire& hire) = 0;
  // The company's sync log, oldest first.
  virtual Result<std::vector<Hire>> hires_of(const std::string& company) = 0;
  // Queued or running hires with due_ms <= now_ms, by (due_ms, id); at most `limit`.
  virtual Result<std::vector<Hire>> due_hires(int64_t now_ms, int limit) = 0;
  // The earliest due_ms of a queued or running hire.
  virtual Result<std::optional<int64_t>> next_due_ms() = 0;

  // Inserts, or updates the state, reason and time of, the row (hire_id, seq).
  virtual Status put_outbox_email(const OutboxEmail& email) = 0;
  // The hire's outbox by seq.
  virtual Result<std::vector<OutboxEmail>> outbox_of(int64_t hire_id) = 0;

  // --- REL-7 reconciliation ---
  // Inserts or replaces the period (company, start_ms).
  virtual Status put_connected_period(const ConnectedPeriod& period) = 0;
  // The company's periods, oldest first.
  virtual Result<std::vector<ConnectedPeriod>> connected_periods(const std::string& company) = 0;
  virtual Result<std::optional<Reconciliation>> reconciliation(const std::string& company) = 0;
  virtual Status put_reconciliation(const Reconciliation& reconciliation) = 0;
  // Every company with a watermark set (work owed), by company.
  virtual Result<std::vector<Reconciliation>> owed_reconciliations() = 0;
  // The last moment the core was known to be running (its heartbeat); 0 if never.
  virtual Result<int64_t> alive_at_ms() = 0;
  virtual Status put_alive_at_ms(int64_t ms) = 0;
};

// --- enum names (stored and shown as these strings) ---

inline std::string_view to_string(IntegrationStatus status) {
  switch (status) {
    case IntegrationStatus::kNotConnected:
      return "not_connected";
    case IntegrationStatus::kAwaitingWebhook:
      return "awaiting_webhook";
    case IntegrationStatus::kConnected:
      return "connected";
    case IntegrationStatus::kDisconnected:
      return "disconnected";
  }
  return "not_connected";
}

inline std::string_view to_string(HireState state) {
  switch (state) {
    case HireState::kQueued:
      return "queued";
    case HireState::kRunning:
      return "running";
    case HireState::kDone:
      return "done";
    case HireState::kFailed:
      return "failed";
    case HireState::kIgnored:
      return "ignored";
  }
  return "queued";
}

inline std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kRejected:
      return "rejected";
  }
  return "pending";
}

inline std::optional<IntegrationStatus> parse_integration_status(std::string_view text) {
  for (auto s : {IntegrationStatus::kNotConnected, IntegrationStatus::kAwaitingWebhook,
                 IntegrationStatus::kConnected, IntegrationStatus::kDisconnected}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

inline std::optional<HireState> parse_hire_state(std::string_view text) {
  for (auto s : {HireState::kQueued, HireState::kRunning, HireState::kDone, HireState::kFailed,
                 HireState::kIgnored}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

inline std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (auto s : {OutboxState::kPending, OutboxState::kSent, OutboxState::kRejected}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace hiresync
