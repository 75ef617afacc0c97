#include "serve/session.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "common/jsonc.h"
#include "explain/field_sources.h"
#include "scenario/actions.h"
#include "scenario/expectations.h"
#include "scenario/scenario.h"
#include "scenario/step_report.h"
#include "scenario/world_spec.h"

namespace sim::serve {
namespace {

namespace fs = std::filesystem;
using hiresync::Status;
using nlohmann::json;

constexpr const char* kStepsWhere = "POST /control/steps";

// How one step went, in the words `hiresim run` uses.
struct StepResult {
  std::string result;   // ok, refused, mismatch, invalid, error
  int http = 200;       // the control API's status for it
  std::string report;   // what `run` prints when it fails; "" when it passed
  std::string message;  // the action's own message (a refused one's reason)
};

int status_for(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kNotFound:
      return 422;
    default:
      return 500;
  }
}

StepResult run_one(StepContext& ctx, const Step& step, bool next_expects_error,
                   const std::string& where) {
  const std::string label = fmt::format("{}: step {} ({})", where, step.index, step.action);
  if (step.is_expectation()) {
    auto mismatch = check_expectation(ctx, step);
    if (!mismatch.ok())
      return {"invalid", status_for(mismatch.status()),
              fmt::format("  {}: {}", label, mismatch.status().message()), ""};
    if (*mismatch) return {"mismatch", 422, mismatch_report(label, **mismatch, ctx.world), ""};
    return {"ok", 200, "", ""};
  }
  auto outcome = run_action(ctx, step);
  if (!outcome.ok())
    return {"error", status_for(outcome.status()),
            fmt::format("  {}: {}", label, outcome.status().message()), outcome.status().message()};
  ctx.last_action = *outcome;
  if (outcome->failed && !next_expects_error)
    return {"refused", 422, refused_action_report(label, *outcome), outcome->message};
  return {outcome->failed ? "refused" : "ok", 200, "", outcome->message};
}

// A record as an exported expectation: without what differs from run to run
// (the loopback ports in links) or only names the record (its generated id).
json stable_fields(const json& record) {
  json out = json::object();
  for (const auto& [key, value] : record.items()) {
    if (key == "id" || key == "review_url" || key == "member_id") continue;
    if (value.is_string() && value.get<std::string>().find("http://") != std::string::npos)
      continue;
    out[key] = value;
  }
  return out;
}

// Each pending hire, field by field: its value, the Lever JSON path it was
// read from and the rule that decided it (sim/explain, as `hiresim repro`
// prints it), keyed by the record's id.
json explanations(SimWorld& world, const json& pending_hires) {
  json out = json::object();
  if (pending_hires.empty()) return out;
  const std::vector<RecordedCall> reads = world.core().reads().calls();
  for (const json& record : pending_hires)
    out[record.value("id", "")] = explain::explain_fields(record, reads);
  return out;
}

// What the inspector's forms offer to pick from: the tenant's Lever users and
// opportunities, as the world defines them.
json world_choices(const WorldSpec& spec, const std::string& tenant) {
  json users = json::array(), opportunities = json::array();
  for (const auto& t : spec.tenants) {
    if (t.name != tenant) continue;
    for (const auto& u : t.lever.value("users", json::array()))
      if (u.is_object())
        users.push_back({{"email", u.value("email", "")},
                         {"name", u.value("name", "")},
                         {"role", u.value("accessRole", "")}});
    for (const auto& o : t.lever.value("opportunities", json::array()))
      if (o.is_object())
        opportunities.push_back({{"id", o.value("id", "")},
                                 {"name", o.value("name", "")},
                                 {"stage", o.value("stage", "")}});
  }
  return {{"lever_users", users}, {"opportunities", opportunities}};
}

// An OAuth app for the developer's own client (README, "hiresim serve"): its
// credentials are public on purpose, unlike the core's, and its callback
// need not exist — curl only reads the redirect's Location.
constexpr const char* kDevClientId = "hiresim-dev";
constexpr const char* kDevClientSecret = "hiresim-dev-secret";
constexpr const char* kDevRedirectUri = "http://localhost/callback";

lever::OAuthApp developer_app() {
  lever::OAuthApp app;
  app.name = "hiresim developer";
  app.client_id = kDevClientId;
  app.client_secret = kDevClientSecret;
  app.redirect_uris = {kDevRedirectUri};
  app.scopes = {"offline_access",       "opportunities:read:admin",   "offers:read:admin",
                "postings:read:admin",  "users:read:admin",           "contact:read:admin",
                "stages:read:admin",    "archive_reasons:read:admin", "webhooks:read:admin",
                "webhooks:write:admin", "confidential:access:admin"};
  return app;
}

hiresync::Status write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) return Status::Unavailable(fmt::format("{}: cannot write", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Unavailable(fmt::format("{}: {}", path.string(), ec.message()));
  return Status::Ok();
}

}  // namespace

hiresync::Result<std::unique_ptr<Session>> Session::open(SessionOptions options) {
  std::unique_ptr<Session> s(new Session(std::move(options)));
  std::lock_guard lock(s->mu_);
  if (!s->options_.data_dir.empty()) {
    std::error_code ec;
    fs::create_directories(s->options_.data_dir, ec);
    if (ec)
      return Status::Unavailable(fmt::format("--data {}: {}", s->options_.data_dir, ec.message()));
    if (fs::exists(fs::path(s->options_.data_dir) / "session.json")) {
      if (auto st = s->replay_saved_log(); !st.ok()) return st;
      return s;
    }
  }
  if (auto st = s->build_world(); !st.ok()) return st;
  if (auto st = s->save_log(); !st.ok()) return st;
  return s;
}

Session::~Session() {
  feed_.close();
  std::lock_guard lock(mu_);
  world_.reset();
}

Status Session::build_world() {
  auto spec = resolve_world(options_.world.world, options_.world.origin);
  if (!spec.ok()) return spec.status();
  world_.reset();  // first: the database file is the new world's
  WorldOptions wo;
  wo.journal_bodies = true;  // an opened timeline entry shows them
  wo.secrets_key = options_.secrets_key;
  if (!options_.data_dir.empty()) {
    // The database is rebuilt with the world, by the step log's replay.
    const fs::path db = fs::path(options_.data_dir) / "core.sqlite";
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
    wo.database_file = db.string();
  }
  auto world = SimWorld::create(**spec, options_.seed, wo);
  if (!world.ok()) return world.status();
  world_ = std::move(*world);
  world_->lever().register_app(developer_app());
  spec_ = *spec;
  log_.clear();
  last_is_tick_ = false;
  feed_.restart(
      fmt::format("world {} (seed {})",
                  options_.world.world.is_string() ? options_.world.world.get<std::string>()
                                                   : options_.world.origin,
                  options_.seed),
      world_->clock().now_ms());
  return Status::Ok();
}

Status Session::replay_saved_log() {
  const std::string path = (fs::path(options_.data_dir) / "session.json").string();
  auto doc = load_jsonc_file(path);
  if (!doc.ok()) return doc.status();
  // A session saved before its first step has no steps, which a scenario
  // may not: it parses with a stand-in step that is not run.
  const bool no_steps = doc->is_object() && doc->value("steps", json()) == json::array();
  if (no_steps) (*doc)["steps"] = json::array({json{{"settle", json::object()}}});
  auto scenario = parse_scenario(*doc, path);
  if (!scenario.ok()) return scenario.status();
  if (no_steps) scenario->steps.clear();
  options_.world = WorldChoice{scenario->world, path, std::nullopt};
  options_.seed = scenario->seed;
  if (auto s = build_world(); !s.ok()) return s;
  StepContext ctx{*world_, std::nullopt};
  for (const Step& step : scenario->steps) {
    StepResult r = run_one(ctx, step, false, path);
    if (r.result != "ok")
      return Status::InvalidArgument(fmt::format("cannot resume the saved session:\n{}", r.report));
    log_.push_back(json{{step.action, step.params}});
  }
  collect_events();
  return Status::Ok();
}

Answer Session::post_steps(const std::string& body) {
  auto doc = parse_jsonc(body, kStepsWhere);
  if (!doc.ok()) return {400, {{"error", doc.status().message()}}};
  const json steps = doc->is_array() ? *doc : json::array({*doc});
  auto parsed =
      parse_scenario(json{{"name", "control"}, {"world", "-"}, {"steps", steps}}, kStepsWhere);
  if (!parsed.ok()) return {400, {{"error", parsed.status().message()}}};

  std::lock_guard lock(mu_);
  if (!world_) return {503, {{"error", "no world: POST /control/reset"}}};
  StepContext ctx{*world_, std::nullopt};
  Answer answer{200, {{"results", json::array()}}};
  const auto& list = parsed->steps;
  for (size_t i = 0; i < list.size(); ++i) {
    const Step& step = list[i];
    const bool next_expects_error = i + 1 < list.size() && list[i + 1].action == "expect.error";
    StepResult r = run_one(ctx, step, next_expects_error, kStepsWhere);
    json entry = {{"index", step.index},
                  {"action", step.action},
                  {"params", step.params},
                  {"result", r.result},
                  {"time_ms", world_->clock().now_ms()}};
    if (!r.message.empty()) entry["message"] = r.message;
    collect_events();
    feed_.add_step(entry, world_->clock().now_ms());
    answer.body["results"].push_back(entry);
    if (!r.report.empty()) {
      answer.status = r.http;
      answer.body["error"] = r.report;
      answer.body["failed_step"] = step.index;
      break;
    }
    // Only actions that did what they were asked go in the log: expectations
    // are the export's to write, and a refusal changed nothing to replay.
    if (!step.is_expectation() && r.result == "ok") log_step(json{{step.action, step.params}});
  }
  answer.body["time_ms"] = world_->clock().now_ms();
  if (auto s = save_log(); !s.ok()) answer.body["warning"] = s.message();
  return answer;
}

void Session::log_step(const json& step) {
  log_.push_back(step);
  last_is_tick_ = false;
}

Answer Session::state(const std::string& tenant_name, bool journals) {
  std::lock_guard lock(mu_);
  if (!world_) return {503, {{"error", "no world: POST /control/reset"}}};
  SimWorld& w = *world_;
  auto tenant = w.tenant(tenant_name.empty() ? w.tenants().begin()->first : tenant_name);
  if (!tenant.ok()) return {400, {{"error", "GET /control/state: " + tenant.status().message()}}};
  const Tenant& t = **tenant;
  StepContext ctx{w, std::nullopt};
  auto integration = integration_status(ctx, t.company_id);
  json names = json::array();
  for (const auto& [name, _] : w.tenants()) names.push_back(name);
  json pending_hires = w.justworks().pending_hires(t.company_id);
  json explained = explanations(w, pending_hires);
  json s = {{"time_ms", w.clock().now_ms()},
            {"tenants", names},
            {"tenant", t.name},
            {"company", t.company_id},
            {"pending_hires", std::move(pending_hires)},
            {"explanations", std::move(explained)},
            {"emails", w.justworks().emails(t.company_id)},
            {"members", w.justworks().members(t.company_id)},
            {"integration",
             integration.ok() ? *integration : json{{"error", integration.status().message()}}},
            {"webhooks", w.lever().webhooks_view(t.name)},
            {"core_running", w.core().running()},
            {"steps_logged", log_.size()},
            {"world", world_choices(*spec_, t.name)},
            {"seed", options_.seed},
            {"urls",
             {{"lever", w.lever().base_url()},
              {"justworks", w.justworks().base_url()},
              {"core", w.core().base_url()}}}};
  if (journals) {
    s["journals"] = {{"lever_requests", w.lever().journal().to_json()},
                     {"deliveries", w.lever().delivery_journal().to_json()},
                     {"justworks_requests", w.justworks().journal().to_json()},
                     {"faults", w.core().faults().journal().to_json()}};
    s["core_log"] = w.core().log().lines();
  }
  return {200, std::move(s)};
}

json Session::scenario_head() const {
  return {{"name", "hiresim serve session"},
          {"description",
           "Exported by hiresim serve: the session's actions that succeeded, in order, then "
           "the pending hires, emails and integration state at export time."},
          {"seed", options_.seed},
          {"world", options_.world.world}};
}

json Session::export_scenario() {
  std::lock_guard lock(mu_);
  json doc = scenario_head();
  json steps = json::array();
  for (const auto& s : log_) steps.push_back(s);
  if (!world_) {
    doc["steps"] = std::move(steps);
    return doc;
  }
  const bool several = world_->tenants().size() > 1;
  StepContext ctx{*world_, std::nullopt};
  for (const auto& [name, t] : world_->tenants()) {
    json hires = json::array(), emails = json::array();
    for (const auto& h : world_->justworks().pending_hires(t.company_id))
      hires.push_back(stable_fields(h));
    for (const auto& e : world_->justworks().emails(t.company_id))
      emails.push_back({{"to", e.value("to", "")}, {"subject", e.value("subject", "")}});
    json integration = {{"status", "core_down"}};
    if (auto status = integration_status(ctx, t.company_id); status.ok())
      integration = {{"status", status->value("status", json())},
                     {"last_error", status->value("last_error", json())}};
    auto scoped = [&, &tenant = name](json records) {
      return several ? json{{"tenant", tenant}, {"records", std::move(records)}} : records;
    };
    steps.push_back({{"expect.pending_hires", scoped(std::move(hires))}});
    steps.push_back({{"expect.emails", scoped(std::move(emails))}});
    if (several) integration["tenant"] = name;
    steps.push_back({{"expect.integration", std::move(integration)}});
  }
  doc["steps"] = std::move(steps);
  return doc;
}

Answer Session::reset(const std::string& body) {
  std::optional<WorldChoice> choice;
  std::optional<uint64_t> seed;
  if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto doc = parse_jsonc(body, "POST /control/reset");
    if (!doc.ok()) return {400, {{"error", doc.status().message()}}};
    if (!doc->is_object())
      return {400,
              {{"error",
                "POST /control/reset: expected {\"world\": \"acme\", \"seed\": 1} or no body"}}};
    for (const auto& [key, _] : doc->items()) {
      if (key != "world" && key != "seed")
        return {
            400,
            {{"error",
              fmt::format("POST /control/reset: unknown key \"{}\" (expected world, seed)", key)}}};
    }
    if (doc->contains("world")) {
      auto c = choose_world((*doc)["world"], "POST /control/reset");
      if (!c.ok()) return {400, {{"error", c.status().message()}}};
      choice = *c;
    }
    if (doc->contains("seed")) {
      if (!(*doc)["seed"].is_number_unsigned())
        return {400, {{"error", "POST /control/reset: \"seed\" must be a non-negative integer"}}};
      seed = (*doc)["seed"].get<uint64_t>();
    }
  }
  std::lock_guard lock(mu_);
  if (choice) options_.world = *choice;
  if (seed) options_.seed = *seed;
  if (auto s = build_world(); !s.ok()) return {500, {{"error", s.message()}}};
  if (auto s = save_log(); !s.ok()) return {500, {{"error", s.message()}}};
  return {200, {{"reset", true}, {"seed", options_.seed}, {"time_ms", world_->clock().now_ms()}}};
}

Status Session::follow_wall_clock(int64_t delta_ms) {
  if (delta_ms <= 0) return Status::Ok();
  std::lock_guard lock(mu_);
  if (!world_) return Status::Ok();
  auto s = world_->advance(delta_ms);
  // Consecutive ticks are one clock.advance in the log, so a session that
  // ran for an hour exports as one step, not eighteen thousand.
  if (last_is_tick_) {
    tick_ms_ += delta_ms;
    log_.back() = json{{"clock.advance", fmt::format("{}ms", tick_ms_)}};
  } else {
    log_.push_back(json{{"clock.advance", fmt::format("{}ms", delta_ms)}});
    tick_ms_ = delta_ms;
    last_is_tick_ = true;
  }
  collect_events();
  if (auto saved = save_log(); !saved.ok()) return saved;
  return s;
}

void Session::poll_events() {
  std::lock_guard lock(mu_);
  collect_events();
}

void Session::collect_events() {
  if (world_) feed_.collect(*world_);
}

json Session::urls() {
  std::lock_guard lock(mu_);
  if (!world_) return json::object();
  return {{"lever", world_->lever().base_url()},
          {"justworks", world_->justworks().base_url()},
          {"core", world_->core().base_url()},
          {"developer_app",
           {{"client_id", kDevClientId},
            {"client_secret", kDevClientSecret},
            {"redirect_uri", kDevRedirectUri}}}};
}

Status Session::save_log() {
  if (options_.data_dir.empty()) return Status::Ok();
  const fs::path path = fs::path(options_.data_dir) / "session.json";
  json doc = scenario_head();
  json steps = json::array();
  for (const auto& s : log_) steps.push_back(s);
  doc["steps"] = std::move(steps);
  return write_atomically(path, doc.dump(2) + "\n");
}

}  // namespace sim::serve
