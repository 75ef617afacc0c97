#include "sync/integrations.h"

#include <fmt/format.h>

#include <algorithm>

#include "lever/oauth.h"
#include "sync/lever_session.h"
#include "webhook/delivery.h"

namespace hiresync {
namespace {

constexpr int64_t kStateLifetimeMs = 10 * 60 * 1000;
constexpr size_t kMaxErrorChars = 300;

const std::string kVerifyStep =
    "turn on the Candidate Hired webhook in Lever › Settings › Integrations and API › Webhooks "
    "and press Verify Connection";

std::string param(const std::map<std::string, std::string>& query, const char* name) {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

nlohmann::json webhook_json(const Connection& c) {
  if (c.webhook_id.empty()) return nullptr;
  return {{"id", c.webhook_id}, {"url", c.webhook_url}, {"verified", c.webhook_verified}};
}

Integration blank_integration(const std::string& company) {
  Integration i;
  i.company = company;
  return i;
}

// Forgets every secret of a connection that is no longer used.
void wipe_secrets(Connection& c) {
  c.access_token.clear();
  c.refresh_token.clear();
  c.access_expires_at_ms = 0;
  c.signature_token.clear();
}

ApiReply unavailable_reply(const Status& s) {
  return error_reply(502, "upstream_unavailable", s.message());
}

}  // namespace

Integrations::Integrations(const Ports& ports)
    : ports_(ports), auth_(ports.settings, ports.http, ports.log) {}

ApiReply Integrations::start_setup(const PageRequest& request) {
  Caller caller;
  if (auto refused = auth_.admit_admin(request, "setup", caller)) return *refused;
  return start_setup_for(caller);
}

ApiReply Integrations::finish_setup(const PageRequest& request) {
  Caller caller;
  if (auto refused = auth_.admit_admin(request, "finish", caller)) return *refused;
  return finish_setup_for(caller.company);
}

ApiReply Integrations::disconnect(const PageRequest& request) {
  Caller caller;
  if (auto refused = auth_.admit_admin(request, "disconnect", caller)) return *refused;
  return disconnect_for(caller.company);
}

// The status names candidates and why their hires failed: an admin's page.
ApiReply Integrations::page_status(const PageRequest& request) {
  Caller caller;
  if (auto refused = auth_.admit_admin(request, "status", caller)) return *refused;
  return status(caller.company);
}

ApiReply Integrations::retry(const PageRequest& request,
                             const std::optional<std::string>& opportunity_id) {
  Caller caller;
  if (auto refused = auth_.admit_admin(request, "retry", caller)) return *refused;
  return retry_for(caller.company, opportunity_id);
}

ApiReply Integrations::start_setup_for(const Caller& caller) {
  const std::string& company = caller.company;
  const int64_t now = ports_.clock.now_ms();
  OAuthState state{ports_.random.token(32), company, caller.member_email, now + kStateLifetimeMs};
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    if (Status put = db.put_oauth_state(state); !put.ok()) return put;
    auto existing = db.integration(company);
    if (!existing.ok()) return existing.status();
    Integration i = existing->value_or(blank_integration(company));
    // A running integration keeps running until the new consent succeeds.
    if (i.status == IntegrationStatus::kConnected ||
        i.status == IntegrationStatus::kAwaitingWebhook) {
      return Status::Ok();
    }
    i.status = IntegrationStatus::kNotConnected;
    i.last_error.reset();
    i.updated_at_ms = now;
    return db.put_integration(i);
  });
  if (!s.ok()) return error_reply(500, "internal", "setup could not be stored");
  ApiReply reply;
  reply.body = {
      {"authorize_url", lever::authorize_url(ports_.settings.lever_oauth(), state.state)}};
  return reply;
}

ApiReply Integrations::oauth_callback(const std::map<std::string, std::string>& query) {
  const std::string state_text = param(query, "state");
  if (state_text.empty()) return error_reply(400, "bad_request", "the callback has no state");
  auto taken = ports_.store.call([&](Store& db) { return db.take_oauth_state(state_text); });
  if (!taken.ok()) return error_reply(500, "internal", "the state could not be checked");
  const std::optional<OAuthState>& state = *taken;
  if (!state) {
    return error_reply(400, "bad_request", "unknown or already used state; start setup again");
  }
  if (state->expires_at_ms < ports_.clock.now_ms()) {
    return error_reply(400, "bad_request", "the setup link expired; start setup again");
  }
  const std::string error = param(query, "error");
  if (!error.empty()) return callback_error(*state, error, param(query, "error_description"));
  const std::string code = param(query, "code");
  if (code.empty()) {
    set_last_error(state->company, "Lever sent no authorization code; connect again");
    return error_reply(400, "bad_request", "the callback has neither code nor error");
  }
  return connect(*state, code);
}

// SETUP-3: the Lever user could not or would not consent. Nothing changes but
// the message the integrations page shows.
ApiReply Integrations::callback_error(const OAuthState& state, const std::string& error,
                                      const std::string& description) {
  std::string shown = description.empty() ? error : description;
  shown = shown.substr(0, kMaxErrorChars);
  set_last_error(state.company, fmt::format("Lever did not grant access: {}", shown));
  ports_.log.write(
      fmt::format("setup {}: Lever consent refused ({})", state.company, error.substr(0, 40)));
  ApiReply reply;
  reply.body = {{"status", to_string(current_status(state.company))},
                {"last_error", fmt::format("Lever did not grant access: {}", shown)}};
  return reply;
}

ApiReply Integrations::connect(const OAuthState& state, const std::string& code, int tries) {
  lever::OAuthClient oauth(ports_.http, ports_.settings.lever_oauth());
  auto grant = oauth.exchange_code(code);
  if (!grant.ok()) {
    if (auto wait_ms = oauth.rate_limited_for_ms()) {
      SetupRetry retry;
      retry.step = SetupRetry::Step::kExchange;
      retry.state = state;
      retry.code = code;
      retry.company = state.company;
      retry.tries = tries;
      return wait_or_fail(std::move(retry), *wait_ms);
    }
    set_last_error(state.company,
                   fmt::format("{}; connect to Lever again", grant.status().message()));
    if (grant.status().code() == Status::Code::kUnavailable)
      return unavailable_reply(grant.status());
    return error_reply(400, "bad_request", grant.status().message());
  }

  // Store the new connection (and its tokens) before creating its webhook, so
  // a crash in between leaves a webhook we recognise and delete next time.
  const int64_t now = ports_.clock.now_ms();
  Connection conn;
  conn.id = "conn_" + ports_.random.token(20);
  conn.company = state.company;
  conn.access_token = grant->access_token;
  conn.refresh_token = grant->refresh_token;
  conn.access_expires_at_ms = now + grant->expires_in_s * 1000;
  conn.created_at_ms = now;
  if (!ports_.store.call([&](Store& db) { return db.put_connection(conn); }).ok()) {
    return error_reply(500, "internal", "the connection could not be stored");
  }

  return attach_webhook(state, std::move(conn), tries);
}

ApiReply Integrations::attach_webhook(const OAuthState& state, Connection conn, int tries) {
  const int64_t now = ports_.clock.now_ms();
  LeverSession session(ports_.lever, conn.id);
  auto webhook = replace_webhooks(session, conn);
  if (!webhook.ok()) {
    if (auto wait_ms = session.rate_limited_for_ms()) {
      SetupRetry retry;
      retry.step = SetupRetry::Step::kWebhook;
      retry.state = state;
      retry.connection_id = conn.id;
      retry.company = state.company;
      retry.tries = tries;
      return wait_or_fail(std::move(retry), *wait_ms);
    }
    const std::string why =
        fmt::format("could not create the Candidate Hired webhook in Lever ({}); connect again",
                    webhook.status().message());
    set_last_error(state.company, why);
    return error_reply(502, "upstream_unavailable", why);
  }

  // REL-7: how long the connection this one replaces is proven to have
  // worked (one Lever call with its tokens): its connected period ends there.
  std::optional<int64_t> old_proven_until;
  {
    std::optional<std::string> old_id;
    auto existing = ports_.store.call([&](Store& db) { return db.integration(state.company); });
    if (existing.ok() && existing->has_value() &&
        (*existing)->status == IntegrationStatus::kConnected) {
      old_id = (*existing)->connection_id;
    }
    if (old_id) {
      LeverSession old(ports_.lever, *old_id);
      (void)old.webhooks();  // only whether Lever still accepts its token matters
      if (auto ok_at = ports_.lever.connections.ok_at(*old_id)) old_proven_until = *ok_at - 1;
    }
  }

  conn.webhook_id = webhook->id;
  conn.webhook_url = ports_.settings.webhook_url(conn.id);  // what we asked Lever to call
  conn.signature_token = webhook->signature_token;
  conn.webhook_created_at_ms = now;
  conn.webhook_verified = false;
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto current = db.connection(conn.id);
    if (!current.ok()) return current.status();
    // Keep tokens a refresh may have rotated meanwhile.
    if (current->has_value()) {
      conn.access_token = (*current)->access_token;
      conn.refresh_token = (*current)->refresh_token;
      conn.access_expires_at_ms = (*current)->access_expires_at_ms;
    }
    if (Status put = db.put_connection(conn); !put.ok()) return put;
    auto existing = db.integration(state.company);
    if (!existing.ok()) return existing.status();
    Integration i = existing->value_or(blank_integration(state.company));
    // REL-7: a reconnect deletes the webhook Lever was still retrying.
    if (i.status == IntegrationStatus::kConnected) {
      if (Status ended = ports_.periods.end(db, state.company, old_proven_until); !ended.ok()) {
        return ended;
      }
    }
    if (!i.connection_id.empty() && i.connection_id != conn.id) {
      auto old = db.connection(i.connection_id);
      if (old.ok() && old->has_value()) {
        Connection retired = std::move(**old);
        wipe_secrets(retired);
        if (Status put = db.put_connection(retired); !put.ok()) return put;
      }
    }
    i.status = IntegrationStatus::kAwaitingWebhook;
    i.last_error.reset();
    i.connection_id = conn.id;
    i.updated_at_ms = now;
    return db.put_integration(i);
  });
  if (!s.ok()) return error_reply(500, "internal", "the connection could not be stored");
  retries_.cancel(state.company);
  ports_.log.write(
      fmt::format("setup {}: Lever connected ({}), webhook {} created; awaiting Verify",
                  state.company, conn.id, conn.webhook_id));
  ApiReply reply;
  reply.body = {{"status", "awaiting_webhook"}, {"webhook", webhook_json(conn)}};
  return reply;
}

Result<lever::Webhook> Integrations::replace_webhooks(LeverSession& lever, const Connection& conn) {
  auto existing = lever.webhooks();
  if (!existing.ok()) return existing.status();
  const std::string prefix = ports_.settings.webhook_url_prefix();
  for (const auto& hook : *existing) {
    if (hook.url.rfind(prefix, 0) != 0) continue;  // not ours
    std::string owner_id = hook.url.substr(prefix.size());
    owner_id = owner_id.substr(0, owner_id.find_first_of("/?#"));
    bool stale = true;  // ours but unknown (e.g. a lost database): delete it too
    auto owner = ports_.store.call([&](Store& db) { return db.connection(owner_id); });
    if (owner.ok() && owner->has_value()) stale = (*owner)->company == conn.company;
    // Another company's webhook in the same Lever account is not ours to touch (SEC-4).
    if (!stale) continue;
    if (Status s = lever.delete_webhook(hook.id); !s.ok()) return s;
  }
  auto created =
      lever.create_webhook(ports_.settings.webhook_url(conn.id), std::string(kCandidateHired));
  if (!created.ok()) return created.status();
  if (created->signature_token.empty()) {
    return Status::Internal("Lever created the webhook without a signature token");
  }
  return created;
}

IntegrationStatus Integrations::current_status(const std::string& company) {
  auto integration = ports_.store.call([&](Store& db) { return db.integration(company); });
  return integration.ok() && integration->has_value() ? (*integration)->status
                                                      : IntegrationStatus::kNotConnected;
}

ApiReply Integrations::wait_or_fail(SetupRetry retry, int64_t wait_ms) {
  const bool finish = retry.step == SetupRetry::Step::kFinish;
  const char* what = retry.step == SetupRetry::Step::kExchange ? "exchanging the authorization code"
                     : retry.step == SetupRetry::Step::kWebhook ? "creating our webhook"
                                                                : "checking our webhook";
  const int tries = retry.tries + 1;
  if (tries >= kSetupTriesMax) {
    retries_.cancel(retry.company);
    const std::string why =
        fmt::format("Lever kept answering 429 (rate limit) to {}: gave up after {} tries; {}", what,
                    tries, finish ? "press Finish setup again" : "connect to Lever again");
    if (retry.step == SetupRetry::Step::kWebhook) {
      // The half-made connection is never used: its tokens go now.
      (void)ports_.store.atomically([&](Store& db) -> Status {
        auto c = db.connection(retry.connection_id);
        if (!c.ok() || !c->has_value()) return Status::Ok();
        Connection retired = std::move(**c);
        wipe_secrets(retired);
        return db.put_connection(retired);
      });
    }
    set_last_error(retry.company, why);
    ports_.log.write(fmt::format("setup {}: {}", retry.company, why));
    return error_reply(502, "rate_limited", why);
  }
  const std::string why =
      fmt::format("Lever answered 429 (rate limit) to {}; {} tries again in {} s (try {} of {})",
                  what, finish ? "Finish setup" : "Connect to Lever", (wait_ms + 999) / 1000,
                  tries + 1, kSetupTriesMax);
  retry.tries = tries;
  retry.due_ms = ports_.clock.now_ms() + wait_ms;
  const std::string company = retry.company;
  retries_.schedule(std::move(retry));
  set_last_error(company, why);
  ports_.log.write(fmt::format("setup {}: {}", company, why));
  ApiReply reply;
  reply.status = 202;
  reply.body = {{"status", to_string(current_status(company))},
                {"retrying_in_ms", wait_ms},
                {"message", why}};
  return reply;
}

int Integrations::run_due() {
  int ran = 0;
  while (auto retry = retries_.take_due(ports_.clock.now_ms())) {
    const ApiReply reply = run_retry(*retry);
    ++ran;
    // A refusal other than another wait: the page shows it in place of the
    // wait's message (nobody is on the other end of this reply).
    if (reply.status >= 400 && reply.body.contains("error")) {
      const std::string message = reply.body["error"].value("message", "");
      const bool shown = reply.body["error"].value("code", "") == "rate_limited";
      if (!shown && !message.empty()) {
        set_last_error(retry->company,
                       fmt::format("{} did not complete: {}",
                                   retry->step == SetupRetry::Step::kFinish ? "Finish setup"
                                                                            : "Connect to Lever",
                                   message.substr(0, kMaxErrorChars)));
      }
    }
  }
  return ran;
}

ApiReply Integrations::run_retry(const SetupRetry& retry) {
  switch (retry.step) {
    case SetupRetry::Step::kExchange:
      return connect(retry.state, retry.code, retry.tries);
    case SetupRetry::Step::kWebhook: {
      auto conn = ports_.store.call([&](Store& db) { return db.connection(retry.connection_id); });
      if (!conn.ok() || !conn->has_value() || (*conn)->refresh_token.empty()) {
        return error_reply(409, "conflict", "the Lever connection is gone; connect to Lever again");
      }
      return attach_webhook(retry.state, std::move(**conn), retry.tries);
    }
    case SetupRetry::Step::kFinish:
      return finish_setup_for(retry.company, retry.tries);
  }
  return error_reply(500, "internal", "unknown setup step");
}

std::optional<int64_t> Integrations::next_due_ms() const { return retries_.next_due_ms(); }

void Integrations::set_last_error(const std::string& company, const std::string& message) {
  (void)ports_.store.atomically([&](Store& db) -> Status {
    auto existing = db.integration(company);
    if (!existing.ok()) return existing.status();
    Integration i = existing->value_or(blank_integration(company));
    i.last_error = message;
    i.updated_at_ms = ports_.clock.now_ms();
    return db.put_integration(i);
  });
}

ApiReply Integrations::finish_setup_for(const std::string& company, int tries) {
  std::optional<Integration> integration;
  std::optional<Connection> conn;
  Status read = ports_.store.call([&](Store& db) -> Status {
    auto i = db.integration(company);
    if (!i.ok()) return i.status();
    integration = std::move(*i);
    if (integration && !integration->connection_id.empty()) {
      auto c = db.connection(integration->connection_id);
      if (c.ok()) conn = std::move(*c);
    }
    return Status::Ok();
  });
  if (!read.ok()) return error_reply(500, "internal", "the store is unavailable");
  const auto status = integration ? integration->status : IntegrationStatus::kNotConnected;
  if (status == IntegrationStatus::kConnected) {
    ApiReply reply;
    reply.body = {{"status", "connected"}};
    return reply;
  }
  if (status == IntegrationStatus::kDisconnected) {
    return error_reply(409, "conflict", "Lever access was revoked; connect to Lever again");
  }
  if (status != IntegrationStatus::kAwaitingWebhook || !conn) {
    return error_reply(409, "conflict",
                       "connect to Lever first (Setup › Get started › Connect to Lever)");
  }

  LeverSession lever(ports_.lever, conn->id);
  auto hooks = lever.webhooks();
  if (!hooks.ok()) {
    if (auto wait_ms = lever.rate_limited_for_ms()) {
      SetupRetry retry;
      retry.step = SetupRetry::Step::kFinish;
      retry.company = company;
      retry.tries = tries;
      return wait_or_fail(std::move(retry), *wait_ms);
    }
    if (hooks.status().code() == Status::Code::kUnauthenticated) {
      ports_.revocation.mark_revoked(
          conn->id, fmt::format("Lever access was revoked ({}); connect to Lever again",
                                hooks.status().message()));
      return error_reply(409, "conflict", "Lever access was revoked; connect to Lever again");
    }
    return unavailable_reply(hooks.status());
  }
  const bool exists = std::any_of(hooks->begin(), hooks->end(), [&](const lever::Webhook& h) {
    return h.id == conn->webhook_id;
  });
  if (!exists) {
    return error_reply(409, "conflict",
                       "the Candidate Hired webhook is gone from Lever; connect to Lever again to "
                       "recreate it");
  }

  ApiReply reply;
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto fresh_conn = db.connection(conn->id);
    auto fresh_integration = db.integration(company);
    if (!fresh_conn.ok() || !fresh_integration.ok()) return Status::Internal("store");
    if (!fresh_conn->has_value() || !fresh_integration->has_value() ||
        (*fresh_integration)->connection_id != conn->id) {
      reply = error_reply(409, "conflict", "the connection changed meanwhile; try again");
      return Status::Ok();
    }
    if (!(*fresh_conn)->webhook_verified) {
      reply = error_reply(409, "conflict", kVerifyStep);
      return Status::Ok();
    }
    Integration i = std::move(**fresh_integration);
    i.status = IntegrationStatus::kConnected;
    i.last_error.reset();
    i.updated_at_ms = ports_.clock.now_ms();
    reply.body = {{"status", "connected"}};
    if (Status begun = ports_.periods.begin(db, company); !begun.ok()) return begun;
    return db.put_integration(i);
  });
  if (!s.ok()) return error_reply(500, "internal", "the store is unavailable");
  if (reply.status == 200) {
    retries_.cancel(company);
    ports_.log.write(fmt::format("setup {}: connected", company));
  }
  return reply;
}

ApiReply Integrations::disconnect_for(const std::string& company) {
  retries_.cancel(company);  // a step waiting out a 429 is not wanted any more
  std::optional<Connection> conn;
  Status read = ports_.store.call([&](Store& db) -> Status {
    auto i = db.integration(company);
    if (!i.ok()) return i.status();
    if (i->has_value() && !(*i)->connection_id.empty()) {
      auto c = db.connection((*i)->connection_id);
      if (c.ok()) conn = std::move(*c);
    }
    return Status::Ok();
  });
  if (!read.ok()) return error_reply(500, "internal", "the store is unavailable");
  // REVOKE-4: delete our webhook in Lever (best effort: with revoked tokens
  // Lever stops delivering anyway), then forget every secret.
  if (conn && !conn->webhook_id.empty() && !conn->refresh_token.empty()) {
    LeverSession lever(ports_.lever, conn->id);
    if (Status s = lever.delete_webhook(conn->webhook_id); !s.ok()) {
      ports_.log.write(fmt::format("disconnect {}: the Lever webhook could not be deleted ({})",
                                   company, s.message()));
    }
  }
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto existing = db.integration(company);
    if (!existing.ok()) return existing.status();
    Integration i = existing->value_or(blank_integration(company));
    // REL-7: the webhook goes away now. The period ends where Lever last
    // accepted the connection's token (the webhook's deletion just now,
    // usually): a silent revoke before is not counted as connected time.
    if (i.status == IntegrationStatus::kConnected) {
      const auto ok_at = conn ? ports_.lever.connections.ok_at(conn->id) : std::nullopt;
      const auto end = ok_at ? std::optional<int64_t>(*ok_at - 1) : std::nullopt;
      if (Status ended = ports_.periods.end(db, company, end); !ended.ok()) {
        return ended;
      }
    }
    if (!i.connection_id.empty()) {
      auto c = db.connection(i.connection_id);
      if (c.ok() && c->has_value()) {
        Connection retired = std::move(**c);
        wipe_secrets(retired);
        if (Status put = db.put_connection(retired); !put.ok()) return put;
      }
    }
    i.status = IntegrationStatus::kNotConnected;
    i.last_error.reset();
    i.connection_id.clear();
    i.updated_at_ms = ports_.clock.now_ms();
    return db.put_integration(i);
  });
  if (!s.ok()) return error_reply(500, "internal", "the store is unavailable");
  ports_.log.write(
      fmt::format("disconnect {}: Lever tokens forgotten; status not_connected", company));
  ApiReply reply;
  reply.body = {{"status", "not_connected"}};
  return reply;
}

ApiReply Integrations::status(const std::string& company) {
  std::optional<Integration> integration;
  std::vector<Hire> hires;
  std::optional<Connection> conn;
  std::optional<Reconciliation> owed;
  Status read = ports_.store.call([&](Store& db) -> Status {
    auto i = db.integration(company);
    auto h = db.hires_of(company);
    if (!i.ok() || !h.ok()) return Status::Unavailable("the store is unavailable");
    integration = std::move(*i);
    hires = std::move(*h);
    if (integration && !integration->connection_id.empty()) {
      auto c = db.connection(integration->connection_id);
      if (c.ok()) conn = std::move(*c);
    }
    auto r = db.reconciliation(company);
    if (r.ok()) owed = std::move(*r);
    return Status::Ok();
  });
  if (!read.ok()) return error_reply(500, "internal", "the store is unavailable");
  const nlohmann::json webhook = conn ? webhook_json(*conn) : nlohmann::json(nullptr);
  nlohmann::json log = nlohmann::json::array();
  for (const Hire& h : hires) {
    log.push_back(
        {{"opportunity_id", h.opportunity_id},
         {"state", to_string(h.state)},
         {"pending_hire_id",
          h.pending_hire_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.pending_hire_id)},
         {"emails_sent", h.emails_sent},
         {"reason", h.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.reason)},
         {"attempts", h.attempts},
         {"found_by", h.found_by_reconciliation ? "reconciliation" : "delivery"},
         {"updated_at_ms", h.updated_at_ms}});
  }
  nlohmann::json reconciliation = nullptr;  // REL-7: what is owed, and why it is late
  if (owed) {
    const Reconciliation& r = *owed;
    reconciliation = {{"owed_since_ms", r.unseen_since_ms ? nlohmann::json(*r.unseen_since_ms)
                                                          : nlohmann::json(nullptr)},
                      {"last_error", r.last_error.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(r.last_error)},
                      {"reconciled_at_ms", r.reconciled_at_ms}};
  }
  nlohmann::json setup_retry = nullptr;  // a setup step waiting out Lever's 429
  if (auto waiting = retries_.of(company)) {
    setup_retry = {{"step", to_string(waiting->step)},
                   {"tries", waiting->tries},
                   {"next_try_at_ms", waiting->due_ms}};
  }
  const Integration* i = integration ? &*integration : nullptr;
  ApiReply reply;
  reply.body = {
      {"status", to_string(i ? i->status : IntegrationStatus::kNotConnected)},
      {"last_error", i && i->last_error ? nlohmann::json(*i->last_error) : nlohmann::json(nullptr)},
      {"webhook", webhook},
      {"reconciliation", std::move(reconciliation)},
      {"setup_retry", std::move(setup_retry)},
      {"sync_log", std::move(log)}};
  return reply;
}

ApiReply Integrations::retry_for(const std::string& company,
                                 const std::optional<std::string>& opportunity_id) {
  const int64_t now = ports_.clock.now_ms();
  int requeued = 0;
  ApiReply reply;
  Status s = ports_.store.atomically([&](Store& db) -> Status {
    auto integration = db.integration(company);
    if (!integration.ok()) return integration.status();
    if (!integration->has_value() || (*integration)->status != IntegrationStatus::kConnected) {
      reply =
          error_reply(409, "conflict", "the integration is not connected; connect to Lever first");
      return Status::Ok();
    }
    std::vector<Hire> candidates;
    if (opportunity_id) {
      auto h = db.hire(company, *opportunity_id);
      if (!h.ok()) return h.status();
      if (!h->has_value()) {
        reply = error_reply(404, "not_found", "no hire of this opportunity in the sync log");
        return Status::Ok();
      }
      if ((*h)->state != HireState::kFailed) {
        reply = error_reply(409, "conflict",
                            fmt::format("the hire is {}, not failed", to_string((*h)->state)));
        return Status::Ok();
      }
      candidates.push_back(std::move(**h));
    } else {
      auto all = db.hires_of(company);
      if (!all.ok()) return all.status();
      for (auto& h : *all) {
        if (h.state == HireState::kFailed) candidates.push_back(std::move(h));
      }
    }
    for (Hire& h : candidates) {
      h.state = HireState::kQueued;
      h.due_ms = now;
      h.attempts = 0;
      h.reason.clear();
      h.updated_at_ms = now;
      if (auto put = db.put_hire(h); !put.ok()) return put.status();
      ++requeued;
    }
    reply.body = {{"requeued", requeued}};
    // A reconciliation that gave up runs again too (REL-7).
    if (opportunity_id) return Status::Ok();
    return ports_.periods.begin(db, company);
  });
  if (!s.ok()) return error_reply(500, "internal", "the store is unavailable");
  return reply;
}

}  // namespace hiresync
