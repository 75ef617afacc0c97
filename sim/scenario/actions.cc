#include "scenario/actions.h"

#include <functional>
#include <map>

#include <fmt/format.h>

#include "common/duration.h"
#include "scenario/fault_step.h"

namespace sim {
namespace {

using hiresync::Result;
using hiresync::Status;
using nlohmann::json;
using Handler = std::function<Result<ActionOutcome>(StepContext&, const json&)>;

// Settle runs at most this much virtual time: longer than Lever's whole
// retry schedule (about 8.6 h) and any backoff of the core.
constexpr int64_t kSettleHorizonMs = 7LL * 24 * 3600 * 1000;

// The last moment the virtual clock can show (9999-12-31T23:59:59.999Z):
// dates past it do not format, and far past it the clock would wrap.
constexpr int64_t kLatestMs = 253402300799999;

// A refusal by the fakes' UI actions. The fake Justworks says its HTTP status
// first ("422 (field last_name): ..."): expect.error can then check it.
ActionOutcome from_status(const Status& s) {
  if (s.ok()) return ActionOutcome::ok();
  const std::string& m = s.message();
  int status = 0;
  if (m.size() >= 3 && (m.size() == 3 || m[3] == ' ' || m[3] == ':') &&
      m.find_first_not_of("0123456789") >= 3) {
    const int n = std::stoi(m.substr(0, 3));
    if (n >= 400 && n < 600) status = n;
  }
  return ActionOutcome::refused(status, m);
}

// A call to the core's own API, as Justworks' web app makes it for a
// signed-in member: `session` is their Justworks session credential.
Result<ActionOutcome> call_core(StepContext& ctx, const std::string& method,
                                const std::string& target, const std::string& session,
                                const json& body, json* reply = nullptr) {
  hiresync::HttpRequest req{method, target, {}, body.is_null() ? "" : body.dump()};
  if (!session.empty()) req.headers["Authorization"] = "Bearer " + session;
  auto res = ctx.world.browser().send(ctx.world.core().base_url(), req);
  if (!res.ok()) return ActionOutcome::refused(0, res.status().message());
  json parsed = json::parse(res->body, nullptr, false);
  if (reply) *reply = parsed;
  if (res->status >= 200 && res->status < 300) return ActionOutcome::ok();
  std::string message =
      fmt::format("{} {} answered {}", method, target.substr(0, target.find('?')), res->status);
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object() &&
      parsed["error"].contains("message") && parsed["error"]["message"].is_string()) {
    message = parsed["error"]["message"];
  }
  return ActionOutcome::refused(res->status, message);
}

// Splits "http://host:port/path?query" into its base URL and target.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

Result<Tenant*> tenant_of(StepContext& ctx, const json& params) {
  return ctx.world.tenant(param_optional_string(params, "tenant"));
}

std::string actor(const json& params) { return param_optional_string(params, "as").value_or(""); }

// The integrations page acting for member `as` (empty: the company's first
// admin with Manage employees): the member signs in at Justworks, and the
// page sends the core that session, never an email. A person Justworks will
// not sign in is refused there, before the core hears of them.
Result<ActionOutcome> call_page(StepContext& ctx, const Tenant& t, const std::string& as,
                                const std::string& method, const std::string& target,
                                json body = json::object(), json* reply = nullptr) {
  auto session = ctx.world.justworks().sign_in(t.company_id, as);
  if (!session.ok()) {
    ActionOutcome refused = from_status(session.status());
    refused.message = fmt::format("{} cannot sign in to Justworks ({})",
                                  as.empty() ? "the first admin" : as, session.status().message());
    return refused;
  }
  body["company"] = t.company_id;
  return call_core(ctx, method, target, *session, body, reply);
}

// --- Justworks' integrations page, backed by the core ---

Result<ActionOutcome> justworks_setup(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto as = param_string(p, "as");
  if (!as.ok()) return as.status();
  json reply;
  auto outcome =
      call_page(ctx, **t, *as, "POST", "/integrations/lever/setup", json::object(), &reply);
  if (outcome.ok() && !outcome->failed) {
    if (!reply.is_object() || !reply.contains("authorize_url") ||
        !reply["authorize_url"].is_string())
      return Status::Internal("the core's setup answered without an authorize_url");
    (*t)->authorize_url = reply["authorize_url"];
  }
  return outcome;
}

Result<ActionOutcome> expect_status_word(const ActionOutcome& outcome, const json& reply,
                                         const json& p, const std::string& key) {
  if (outcome.failed || !p.is_object() || !p.contains("expect")) return outcome;
  const json got = reply.is_object() && reply.contains(key) ? reply[key] : json(nullptr);
  if (got != p["expect"])
    return ActionOutcome::refused(
        0, fmt::format("expected {} {}, got {}", key, p["expect"].dump(), got.dump()));
  return outcome;
}

Result<ActionOutcome> justworks_finish_setup(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto as = param_string(p, "as");
  if (!as.ok()) return as.status();
  json reply;
  auto outcome =
      call_page(ctx, **t, *as, "POST", "/integrations/lever/finish", json::object(), &reply);
  if (!outcome.ok()) return outcome;
  return expect_status_word(*outcome, reply, p, "status");
}

Result<ActionOutcome> justworks_disconnect(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto as = param_string(p, "as");
  if (!as.ok()) return as.status();
  return call_page(ctx, **t, *as, "POST", "/integrations/lever/disconnect");
}

Result<ActionOutcome> justworks_retry(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  json body = json::object();
  if (auto opp = param_optional_string(p, "opportunity")) body["opportunity"] = *opp;
  return call_page(ctx, **t, actor(p), "POST", "/integrations/lever/retry", body);
}

// --- Lever's consent screen, then the browser's redirect to the core ---

Result<ActionOutcome> lever_consent(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto as = param_string(p, "as");
  if (!as.ok()) return as.status();
  auto accept = param_bool(p, "accept", true);
  if (!accept.ok()) return accept.status();
  if ((*t)->authorize_url.empty())
    return ActionOutcome::refused(0, "no Connect to Lever in progress: run justworks.setup first");
  auto redirect = ctx.world.lever().consent((*t)->authorize_url, *as, *accept);
  if (!redirect.ok()) return from_status(redirect.status());
  const auto [base, target] = split_url(*redirect);
  auto res = ctx.world.browser().send(base, {"GET", target, {}, ""});
  if (!res.ok()) return ActionOutcome::refused(0, res.status().message());
  if (res->status >= 200 && res->status < 300) return ActionOutcome::ok();
  json parsed = json::parse(res->body, nullptr, false);
  std::string message = fmt::format("the OAuth callback answered {}", res->status);
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object() &&
      parsed["error"].value("message", json()).is_string())
    message = parsed["error"]["message"];
  return ActionOutcome::refused(res->status, message);
}

// --- Lever's UI ---

std::string event_of(const json& p) {
  return param_optional_string(p, "event").value_or("candidateHired");
}

Handler webhook_toggle(bool enabled) {
  return [enabled](StepContext& ctx, const json& p) -> Result<ActionOutcome> {
    auto t = tenant_of(ctx, p);
    if (!t.ok()) return t.status();
    return from_status(
        ctx.world.lever().set_webhook_enabled((*t)->name, event_of(p), enabled, actor(p)));
  };
}

Result<ActionOutcome> lever_webhook_verify(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto shown = ctx.world.lever().verify_webhook((*t)->name, event_of(p), actor(p));
  if (!shown.ok()) return from_status(shown.status());
  return expect_status_word(ActionOutcome::ok(), json{{"result", *shown}}, p, "result");
}

Result<ActionOutcome> lever_choose_job(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto opp = param_string(p, "opportunity");
  auto posting = param_string(p, "posting");
  if (!t.ok()) return t.status();
  if (!opp.ok()) return opp.status();
  if (!posting.ok()) return posting.status();
  return from_status(ctx.world.lever().choose_job((*t)->name, *opp, *posting, actor(p)));
}

Result<ActionOutcome> lever_stage_move(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto opp = param_string(p, "opportunity");
  auto stage = param_string(p, "stage");
  if (!t.ok()) return t.status();
  if (!opp.ok()) return opp.status();
  if (!stage.ok()) return stage.status();
  return from_status(ctx.world.lever().move_stage((*t)->name, *opp, *stage, actor(p)));
}

Result<ActionOutcome> lever_offer_create(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto opp = param_string(p, "opportunity");
  if (!t.ok()) return t.status();
  if (!opp.ok()) return opp.status();
  json fields = p.value("fields", json::object());
  if (!fields.is_object()) return Status::InvalidArgument("parameter \"fields\" must be an object");
  auto id = ctx.world.lever().create_offer((*t)->name, *opp, fields, actor(p));
  return from_status(id.status());
}

Handler offer_action(const std::string& action) {
  return [action](StepContext& ctx, const json& p) -> Result<ActionOutcome> {
    auto t = tenant_of(ctx, p);
    auto opp = param_string(p, "opportunity");
    if (!t.ok()) return t.status();
    if (!opp.ok()) return opp.status();
    return from_status(ctx.world.lever().offer_action(
        (*t)->name, *opp, param_optional_string(p, "offer"), action, actor(p)));
  };
}

using OpportunityAction = hiresync::Status (lever::FakeLever::*)(const std::string&,
                                                                 const std::string&,
                                                                 const std::string&);
Handler opportunity_action(OpportunityAction method) {
  return [method](StepContext& ctx, const json& p) -> Result<ActionOutcome> {
    auto t = tenant_of(ctx, p);
    auto opp = param_string(p, "opportunity");
    if (!t.ok()) return t.status();
    if (!opp.ok()) return opp.status();
    return from_status((ctx.world.lever().*method)((*t)->name, *opp, actor(p)));
  };
}

Result<ActionOutcome> lever_archive(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto opp = param_string(p, "opportunity");
  auto reason = param_string(p, "reason");
  if (!t.ok()) return t.status();
  if (!opp.ok()) return opp.status();
  if (!reason.ok()) return reason.status();
  return from_status(ctx.world.lever().archive((*t)->name, *opp, *reason, actor(p)));
}

// Lever sends the candidateHired it sent when the opportunity, already
// archived as hired in the world, was hired: what an export shows happened
// before it was taken (hiresim repro). Only that event exists so far.
Result<ActionOutcome> lever_deliver(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto opp = param_string(p, "opportunity");
  if (!t.ok()) return t.status();
  if (!opp.ok()) return opp.status();
  const std::string event = param_optional_string(p, "event").value_or("candidateHired");
  if (event != "candidateHired")
    return Status::InvalidArgument(fmt::format(
        "\"event\": \"{}\" cannot be delivered from a state (only candidateHired)", event));
  return from_status(ctx.world.lever().deliver_hired((*t)->name, *opp));
}

Result<ActionOutcome> lever_revoke(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  return from_status(ctx.world.lever().revoke((*t)->name, ctx.world.app_client_id(), actor(p)));
}

// A second copy of the integration (or a thief) presents the app's rotated
// refresh token again. What Lever answered is the step's message; either
// way the step succeeds: the core's reaction is what a scenario checks.
Result<ActionOutcome> lever_refresh_token_reuse(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto answer = ctx.world.lever().reuse_refresh_token((*t)->name, ctx.world.app_client_id());
  if (!answer.ok()) return from_status(answer.status());
  ActionOutcome outcome = ActionOutcome::ok();
  outcome.message = *answer;
  return outcome;
}

Result<ActionOutcome> lever_set(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto path = param_string(p, "path");
  if (!t.ok()) return t.status();
  if (!path.ok()) return path.status();
  if (!p.contains("value")) return Status::InvalidArgument("missing parameter \"value\"");
  // A path or value Lever's data cannot take is a broken scenario (exit 2),
  // not a refusal a scenario could expect.
  auto set = ctx.world.lever().set((*t)->name, *path, p["value"]);
  if (set.code() == Status::Code::kInvalidArgument) return set;
  return from_status(set);
}

// --- Justworks' UI ---

Result<ActionOutcome> justworks_set_permission(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  auto member = param_string(p, "member");
  auto permission = param_string(p, "permission");
  auto granted = param_bool(p, "granted", true);
  if (!t.ok()) return t.status();
  if (!member.ok()) return member.status();
  if (!permission.ok()) return permission.status();
  if (!granted.ok()) return granted.status();
  return from_status(
      ctx.world.justworks().set_permission((*t)->company_id, *member, *permission, *granted));
}

// The pending hire a step names, by id or by its Lever opportunity.
Result<std::string> pending_hire_of(StepContext& ctx, const Tenant& t, const json& p) {
  if (auto id = param_optional_string(p, "pending_hire")) return *id;
  auto opp = param_optional_string(p, "opportunity");
  if (!opp)
    return Status::InvalidArgument(
        "name the pending hire with \"opportunity\" or \"pending_hire\"");
  auto id = ctx.world.justworks().pending_hire_for_opportunity(t.company_id, *opp);
  if (!id) return Status::NotFound(fmt::format("no pending hire for opportunity {}", *opp));
  return *id;
}

using PendingHireAction = hiresync::Status (justworks::FakeJustworks::*)(const std::string&,
                                                                         const std::string&,
                                                                         const std::string&);
Handler pending_hire_action(PendingHireAction method) {
  return [method](StepContext& ctx, const json& p) -> Result<ActionOutcome> {
    auto t = tenant_of(ctx, p);
    if (!t.ok()) return t.status();
    auto id = pending_hire_of(ctx, **t, p);
    if (!id.ok()) return from_status(id.status());
    return from_status((ctx.world.justworks().*method)((*t)->company_id, *id, actor(p)));
  };
}

Result<ActionOutcome> justworks_review(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  if (!p.contains("set") || !p["set"].is_object())
    return Status::InvalidArgument("parameter \"set\" must be an object of field: value");
  auto id = pending_hire_of(ctx, **t, p);
  if (!id.ok()) return from_status(id.status());
  return from_status(ctx.world.justworks().review((*t)->company_id, *id, p["set"], actor(p)));
}

// --- Time and the core's process ---

Result<ActionOutcome> clock_advance(StepContext& ctx, const json& p) {
  const json& by = p.is_object() ? p.value("by", json()) : p;
  if (!by.is_string())
    return Status::InvalidArgument("clock.advance takes \"90m\" or {\"by\": \"90m\"}");
  auto ms = parse_duration_ms(by);
  if (!ms.ok()) return ms.status();
  if (*ms > kLatestMs - ctx.world.clock().now_ms())
    return Status::InvalidArgument(
        fmt::format("clock.advance by {}: the virtual clock stops at the end of year 9999",
                    by.get<std::string>()));
  if (auto s = ctx.world.advance(*ms); !s.ok()) return s;
  return ActionOutcome::ok();
}

// A world that cannot settle within the horizon is the scenario's failure
// (exit 1, naming what is still due), not the simulator's.
Result<ActionOutcome> settle(StepContext& ctx, const json&) {
  auto s = ctx.world.settle(kSettleHorizonMs);
  if (s.code() == Status::Code::kConflict) return ActionOutcome::refused(0, s.message());
  if (!s.ok()) return s;
  return ActionOutcome::ok();
}

Result<ActionOutcome> core_crash(StepContext& ctx, const json&) {
  if (!ctx.world.core().running()) return ActionOutcome::refused(0, "the core is already down");
  ctx.world.core().crash();
  return ActionOutcome::ok();
}

// {"if_down": true} restarts only a core that is down, as a supervisor would:
// for scenarios whose armed crash point may or may not have been reached.
Result<ActionOutcome> core_restart(StepContext& ctx, const json& p) {
  auto if_down = param_bool(p, "if_down", false);
  if (!if_down.ok()) return if_down.status();
  if (ctx.world.core().running()) {
    if (*if_down) return ActionOutcome::ok();
    return ActionOutcome::refused(0, "the core is already running");
  }
  if (auto s = ctx.world.core().restart(); !s.ok()) return s;
  return ActionOutcome::ok();
}

Result<ActionOutcome> webhook_replay(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  auto status = ctx.world.lever().replay((*t)->name, param_optional_string(p, "event").value_or(""),
                                         param_optional_string(p, "opportunity").value_or(""));
  if (!status.ok()) return from_status(status.status());
  if (*status < 200 || *status >= 300)
    return ActionOutcome::refused(*status, fmt::format("the receiver answered {}", *status));
  return ActionOutcome::ok();
}

// An arbitrary body POSTed to the tenant's webhook URL, as an attacker or a
// misbehaving proxy would send it. A string body is sent verbatim (for
// malformed JSON); "sign": true signs it as Lever would, with the token of the
// webhook it is sent to (whatever event the body names, so an event Lever may
// add later can be shown); "signed_by": "<tenant>" signs it with that tenant's
// webhook token instead (SEC-4); "pad_bytes": n appends n spaces after the
// JSON, which keeps it valid JSON, to show the body size limit (SEC-3).
Result<ActionOutcome> webhook_send(StepContext& ctx, const json& p) {
  auto t = tenant_of(ctx, p);
  if (!t.ok()) return t.status();
  if (!p.is_object() || !p.contains("body"))
    return Status::InvalidArgument("missing parameter \"body\"");
  auto sign = param_bool(p, "sign", false);
  if (!sign.ok()) return sign.status();
  auto signer = ctx.world.tenant(param_optional_string(p, "signed_by").value_or((*t)->name));
  if (!signer.ok()) return signer.status();
  const json pad = p.value("pad_bytes", json(0));
  if (!pad.is_number_integer() || pad.get<int64_t>() < 0 || pad.get<int64_t>() > (64 << 20))
    return Status::InvalidArgument("\"pad_bytes\" must be a byte count up to 64 MiB");
  const json hooks = ctx.world.lever().webhooks_view((*t)->name);
  if (hooks.empty() || !hooks[0].value("url", json()).is_string())
    return ActionOutcome::refused(0, "the integration has no webhook in Lever to send to");
  std::string body = p["body"].is_string() ? p["body"].get<std::string>() : p["body"].dump();
  if (*sign || p.contains("signed_by")) {
    const json signer_hooks = ctx.world.lever().webhooks_view((*signer)->name);
    if (signer_hooks.empty())
      return ActionOutcome::refused(0, "the signing tenant has no webhook in Lever");
    auto signed_body = ctx.world.lever().sign_delivery(
        (*signer)->name, signer_hooks[0].value("event", "candidateHired"), p["body"]);
    if (!signed_body.ok()) return from_status(signed_body.status());
    body = *signed_body;
  }
  body.append(pad.get<size_t>(), ' ');
  const auto [base, target] = split_url(hooks[0]["url"]);
  hiresync::HttpRequest req{
      "POST",
      target,
      {{"User-Agent", "Lever-Webhooks"}, {"Content-Type", "application/json"}},
      std::move(body)};
  auto res = ctx.world.browser().send(base, req);
  if (!res.ok()) return ActionOutcome::refused(0, res.status().message());
  if (res->status < 200 || res->status >= 300)
    return ActionOutcome::refused(res->status,
                                  fmt::format("the receiver answered {}", res->status));
  return ActionOutcome::ok();
}

const std::map<std::string, Handler>& handlers() {
  static const std::map<std::string, Handler> table = {
      {"justworks.setup", justworks_setup},
      {"justworks.finish_setup", justworks_finish_setup},
      {"justworks.disconnect", justworks_disconnect},
      {"justworks.retry", justworks_retry},
      {"lever.consent", lever_consent},
      {"lever.webhook.enable", webhook_toggle(true)},
      {"lever.webhook.disable", webhook_toggle(false)},
      {"lever.webhook.verify", lever_webhook_verify},
      {"lever.choose_job", lever_choose_job},
      {"lever.stage.move", lever_stage_move},
      {"lever.offer.create", lever_offer_create},
      {"lever.offer.approve", offer_action("approve")},
      {"lever.offer.send", offer_action("send")},
      {"lever.offer.send_outside", offer_action("send_outside")},
      {"lever.offer.mark_signed", offer_action("mark_signed")},
      {"lever.offer.decline", offer_action("decline")},
      {"lever.hire", opportunity_action(&lever::FakeLever::hire)},
      {"lever.unhire", opportunity_action(&lever::FakeLever::unhire)},
      {"lever.archive", lever_archive},
      {"lever.deliver", lever_deliver},
      {"lever.revoke", lever_revoke},
      {"lever.refresh_token.reuse", lever_refresh_token_reuse},
      {"lever.set", lever_set},
      {"justworks.set_permission", justworks_set_permission},
      {"justworks.review", justworks_review},
      {"justworks.invite", pending_hire_action(&justworks::FakeJustworks::invite)},
      {"justworks.dismiss", pending_hire_action(&justworks::FakeJustworks::dismiss)},
      {"clock.advance", clock_advance},
      {"settle", settle},
      {"core.crash", core_crash},
      {"core.restart", core_restart},
      {"webhook.replay", webhook_replay},
      {"webhook.send", webhook_send},
      {"fault", arm_fault},
  };
  return table;
}

}  // namespace

Result<ActionOutcome> run_action(StepContext& ctx, const Step& step) {
  const auto& table = handlers();
  auto it = table.find(step.action);
  if (it == table.end())
    return Status::InvalidArgument(
        fmt::format("action \"{}\" is not supported by this runner yet", step.action));
  return it->second(ctx, step.params);
}

}  // namespace sim
