#include "webhook/receiver.h"

#include <fmt/format.h>

#include "webhook/delivery.h"
#include "webhook/signature.h"

namespace hiresync {
namespace {

// Marks an event id among the remembered delivery tokens.
constexpr const char* kEventIdPrefix = "event:";

}  // namespace

Receiver::Receiver(GuardedStore& store, const Crypto& crypto, const Clock& clock, Log& log)
    : store_(store), crypto_(crypto), clock_(clock), log_(log) {}

Receipt Receiver::receive(const std::string& connection_id, std::string_view body) {
  auto delivery = parse_delivery(body);
  if (!delivery.ok()) {
    log_.write(
        fmt::format("webhook {}: malformed delivery refused (400)", connection_id.substr(0, 80)));
    return {400, "bad_request", delivery.status().message()};
  }
  const Delivery& d = *delivery;

  // One transaction for the whole delivery: the lookups, the replay check
  // and the effect, so the ack costs a single commit.
  Receipt receipt;
  std::string connection_for_log;
  bool token_seen = false;  // SEC-2's duplicate, as opposed to a hire already queued
  bool event_seen = false;  // a new token for an event already received (a minted retry)
  Status stored = store_.atomically([&](Store& db) -> Status {
    auto connection = db.connection(connection_id);
    if (!connection.ok()) return connection.status();
    // A retired connection forgot its signature token: to us it no longer exists.
    if (!connection->has_value() || (*connection)->signature_token.empty()) {
      receipt = {404, "not_found", "no webhook of this integration has this address"};
      return Status::Ok();
    }
    Connection& conn = **connection;
    connection_for_log = conn.id;
    if (!lever_signature_valid(crypto_, conn.signature_token, d.token, d.triggered_at_ms,
                               d.signature)) {
      receipt = {401, "bad_signature", "the signature does not match"};
      return Status::Ok();
    }
    if (d.triggered_at_ms < clock_.now_ms() - kDedupeHorizonMs) {
      receipt = {400, "stale", "the delivery was triggered more than 24 h ago"};
      return Status::Ok();
    }
    // At most once an hour of clock time: the DELETE scans a day of tokens.
    if (clock_.now_ms() - pruned_at_ms_ >= 3'600'000) {
      if (Status s = db.forget_deliveries_before(clock_.now_ms() - kDedupeHorizonMs); !s.ok())
        return s;
      pruned_at_ms_ = clock_.now_ms();
    }
    const bool is_hire = d.event == kCandidateHired && !d.is_test;
    if (is_hire && !plausible_lever_id(d.opportunity_id)) {
      receipt = {400, "bad_request", "missing or malformed `data.opportunityId`"};
      return Status::Ok();
    }
    auto fresh = db.remember_delivery(conn.id, d.token, clock_.now_ms());
    if (!fresh.ok()) return fresh.status();
    // HIRE-4 when Lever mints a new token for a retry or Rerun: the event id
    // stays, so it is remembered beside the tokens (a prefix keeps the two
    // apart), on the same horizon.
    if (*fresh && plausible_lever_id(d.event_id)) {
      fresh = db.remember_delivery(conn.id, kEventIdPrefix + d.event_id, clock_.now_ms());
      if (!fresh.ok()) return fresh.status();
      if (!*fresh) event_seen = true;
    }
    if (!*fresh) {
      token_seen = !event_seen;
      receipt = {200, "duplicate", ""};  // SEC-2: a replay has no new effect
    } else if (d.is_test) {
      conn.webhook_verified = true;
      receipt = {200, "verified", ""};
      return db.put_connection(conn);
    } else if (!is_hire) {
      receipt = {200, "ignored", "only candidateHired creates pending hires"};  // HIRE-3
    } else {
      receipt = record_hire(db, conn, d.opportunity_id, d.triggered_at_ms);
      if (receipt.status != 200) return Status::Internal(receipt.message);
    }
    return Status::Ok();
  });
  if (!stored.ok()) {
    log_.write(fmt::format("webhook {}: delivery not stored (500); Lever will retry",
                           connection_id.substr(0, 80)));
    return {500, "internal", "the delivery could not be stored; retry"};
  }
  if (receipt.status == 401) {
    log_.write(fmt::format("webhook {}: bad signature on a {} delivery, dropped",
                           connection_for_log, d.event.substr(0, 40)));
  }
  if (receipt.result == "verified") {
    log_.write(fmt::format("webhook {}: Verify delivery received", connection_for_log));
  }
  // One line per other decision, so a run can be explained from the log
  // (issue 14): every delivery that reached a connection leaves one line.
  const std::string what =
      fmt::format("{} delivery{}", d.event.substr(0, 40),
                  d.opportunity_id.empty() ? "" : " for " + d.opportunity_id.substr(0, 80));
  if (receipt.status == 404) {
    log_.write(
        fmt::format("webhook {}: {} refused (404): no webhook of this integration has "
                    "this address",
                    connection_id.substr(0, 80), what));
  } else if (receipt.status == 400) {
    log_.write(
        fmt::format("webhook {}: {} refused (400): {}", connection_for_log, what, receipt.message));
  } else if (receipt.result == "duplicate") {
    log_.write(fmt::format("webhook {}: {} ignored: {}", connection_for_log, what,
                           token_seen   ? "already seen (same delivery token)"
                           : event_seen ? "already seen (same Lever event id, new token)"
                                        : "the hire is already queued"));
  } else if (receipt.result == "queued") {
    log_.write(fmt::format("webhook {}: {} accepted: hire queued", connection_for_log, what));
  } else if (receipt.result == "ignored") {
    log_.write(
        fmt::format("webhook {}: {} ignored: {}", connection_for_log, what, receipt.message));
  }
  return receipt;
}

// Inside the receiver's transaction. One hire row per (company, opportunity):
// a queued or running hire absorbs every further delivery (HIRE-4); a failed
// or ignored one is queued again by a new delivery. A new delivery (a fresh
// token: Lever's retries and replays reuse theirs) for a done hire is a new
// hire event — unhired and hired again — so it runs again from the start, and
// the worker decides (HIRE-5): nothing new while the pending hire is still
// pending, a new pending hire once an admin dismissed or invited the old one.
// Unless Lever only resent the hire the row synced, with a minted token: the
// worker tells that by Lever's archivedAt (Hire::resend_of_ms).
Receipt Receiver::record_hire(Store& db, const Connection& conn, const std::string& opportunity_id,
                              int64_t triggered_at_ms) {
  auto integration = db.integration(conn.company);
  auto existing = db.hire(conn.company, opportunity_id);
  if (!integration.ok() || !existing.ok()) return {500, "internal", "the store is unavailable"};
  const bool connected = integration->has_value() &&
                         (*integration)->status == IntegrationStatus::kConnected &&
                         (*integration)->connection_id == conn.id;
  const int64_t now = clock_.now_ms();

  Hire hire = existing->value_or(Hire{});
  const bool is_new = !existing->has_value();
  if (is_new) {
    hire.company = conn.company;
    hire.opportunity_id = opportunity_id;
  }
  if (connected) {
    if (!is_new && (hire.state == HireState::kQueued || hire.state == HireState::kRunning)) {
      return {200, "duplicate", ""};
    }
    // REL-7: a late delivery (a Lever retry) of the hire reconciliation
    // already found is that hire again, not a new one.
    if (!is_new && hire.found_by_reconciliation && triggered_at_ms <= hire.hired_at_ms) {
      return {200, "duplicate", ""};
    }
    if (hire.state == HireState::kDone) {
      // Run again from the start, remembering which hire the row synced:
      // the worker tells a re-hire from Lever resending that same hire.
      const Hire previous = hire;
      hire = Hire{};
      hire.id = previous.id;
      hire.company = previous.company;
      hire.opportunity_id = previous.opportunity_id;
      hire.generation = previous.generation;
      hire.resend_of_ms = previous.hired_at_ms != 0 ? previous.hired_at_ms : previous.updated_at_ms;
      // What the sync log showed stays until the worker decides.
      hire.pending_hire_id = previous.pending_hire_id;
      hire.review_url = previous.review_url;
      hire.emails_sent = previous.emails_sent;
      hire.found_by_reconciliation = previous.found_by_reconciliation;
      hire.candidate_name = previous.candidate_name;
      hire.title = previous.title;
    }
    hire.connection_id = conn.id;
    hire.state = HireState::kQueued;
    hire.hired_at_ms = triggered_at_ms;  // which hire this row is: reconciliation compares it
    hire.due_ms = now;
    hire.attempts = 0;
    hire.reason.clear();
    hire.updated_at_ms = now;
    if (!db.put_hire(hire).ok()) return {500, "internal", "the store is unavailable"};
    return {200, "queued", ""};
  }

  // HIRE-2: not connected. The sync log says why nothing happens.
  const auto status =
      integration->has_value() ? (*integration)->status : IntegrationStatus::kNotConnected;
  const std::string why = fmt::format(
      "the hire arrived while the integration was {}; nothing was created", to_string(status));
  if (!is_new && hire.state != HireState::kIgnored) return {200, "ignored", why};
  hire.connection_id = conn.id;
  hire.state = HireState::kIgnored;
  hire.reason = why;
  hire.updated_at_ms = now;
  if (!db.put_hire(hire).ok()) return {500, "internal", "the store is unavailable"};
  return {200, "ignored", why};
}

}  // namespace hiresync
