#include "scenario/expectations.h"

#include <functional>
#include <map>

#include <fmt/format.h>

#include "scenario/invariants.h"

namespace sim {
namespace {

using hiresync::Result;
using hiresync::Status;
using nlohmann::json;
using Check = std::function<Result<std::optional<Mismatch>>(StepContext&, const json&)>;

// An expectation's value, minus the optional "tenant" that picks whose
// records to look at. {"tenant": "globex", "records": [...]} stands for the
// bare array form.
struct Scoped {
  std::optional<std::string> tenant;
  json expected;
};

Scoped scoped(const json& p) {
  if (!p.is_object() || !p.contains("tenant")) return {std::nullopt, p};
  Scoped s{p["tenant"].is_string() ? std::optional<std::string>(p["tenant"]) : std::nullopt, p};
  s.expected.erase("tenant");
  if (s.expected.contains("records")) s.expected = json(s.expected["records"]);
  return s;
}

Result<std::optional<Mismatch>> found(Mismatch m) { return std::optional<Mismatch>(std::move(m)); }

std::optional<Mismatch> first(const std::vector<Mismatch>& all) {
  if (all.empty()) return std::nullopt;
  return all.front();
}

using RecordsOf = json (justworks::FakeJustworks::*)(const std::string&) const;
Check justworks_records(RecordsOf method, const std::string& name) {
  return [method, name](StepContext& ctx, const json& p) -> Result<std::optional<Mismatch>> {
    auto s = scoped(p);
    auto t = ctx.world.tenant(s.tenant);
    if (!t.ok()) return t.status();
    return match_collection(s.expected, (ctx.world.justworks().*method)((*t)->company_id),
                            "/" + name);
  };
}

Result<std::optional<Mismatch>> expect_integration(StepContext& ctx, const json& p) {
  auto s = scoped(p);
  auto t = ctx.world.tenant(s.tenant);
  if (!t.ok()) return t.status();
  if (!s.expected.is_object())
    return Status::InvalidArgument(
        "expect.integration takes an object, e.g. {\"status\": \"connected\"}");
  auto status = integration_status(ctx, (*t)->company_id);
  if (!status.ok()) return status.status();
  return first(subset_mismatches(s.expected, *status, "/integration"));
}

Result<std::optional<Mismatch>> expect_sync_log(StepContext& ctx, const json& p) {
  auto s = scoped(p);
  auto t = ctx.world.tenant(s.tenant);
  if (!t.ok()) return t.status();
  auto status = integration_status(ctx, (*t)->company_id);
  if (!status.ok()) return status.status();
  return match_collection(s.expected, status->value("sync_log", json::array()), "/sync_log");
}

// {"match": "GET /v1/resumes*", "count": 0} (or "min"/"max"), or an array of them.
Check journal_count(const std::string& name, bool lever) {
  return [name, lever](StepContext& ctx, const json& p) -> Result<std::optional<Mismatch>> {
    const json rules = p.is_array() ? p : json::array({p});
    for (const auto& rule : rules) {
      if (!rule.is_object() || !rule.contains("match") || !rule["match"].is_string())
        return Status::InvalidArgument(
            fmt::format("{} takes {{\"match\": \"GET /v1/...*\", \"count\": n}}", name));
      const std::string pattern = rule["match"];
      const Journal& journal =
          lever ? ctx.world.lever().journal() : ctx.world.justworks().journal();
      const auto n = static_cast<int64_t>(journal.count_matching(pattern));
      const std::string path = fmt::format("/{}[{}]", name, pattern);
      for (const char* key : {"count", "min", "max"}) {
        if (rule.contains(key) && !rule[key].is_number_integer())
          return Status::InvalidArgument(
              fmt::format("{}: parameter \"{}\" must be a whole number", name, key));
      }
      if (rule.contains("count") && rule["count"] != n)
        return found(
            Mismatch{path, rule["count"].dump() + " requests", fmt::format("{} requests", n), ""});
      if (rule.contains("min") && n < rule["min"].get<int64_t>())
        return found(
            Mismatch{path, "at least " + rule["min"].dump(), fmt::format("{} requests", n), ""});
      if (rule.contains("max") && n > rule["max"].get<int64_t>())
        return found(
            Mismatch{path, "at most " + rule["max"].dump(), fmt::format("{} requests", n), ""});
    }
    return std::optional<Mismatch>();
  };
}

Result<std::optional<Mismatch>> expect_error(StepContext& ctx, const json& p) {
  if (!p.is_object())
    return Status::InvalidArgument("expect.error takes an object: {} for any failure");
  if (!ctx.last_action || !ctx.last_action->failed)
    return found(Mismatch{"/error", p.dump(), "the previous action succeeded", ""});
  const ActionOutcome& got = *ctx.last_action;
  if (p.contains("status") && p["status"] != got.status)
    return found(
        Mismatch{"/error/status", p["status"].dump(), std::to_string(got.status), got.message});
  if (p.contains("message")) {
    if (!p["message"].is_string())
      return Status::InvalidArgument("expect.error: \"message\" is a text the error must contain");
    if (got.message.find(p["message"].get<std::string>()) == std::string::npos)
      return found(Mismatch{"/error/message", "a message containing " + p["message"].dump(),
                            json(got.message).dump(), ""});
  }
  return std::optional<Mismatch>();
}

// Lever's view of the app's webhooks, summarized as scenarios ask about it:
// {"count", "enabled", "verified", "deliveries"} of the (first) webhook.
Result<std::optional<Mismatch>> expect_webhook(StepContext& ctx, const json& p) {
  auto s = scoped(p);
  auto t = ctx.world.tenant(s.tenant);
  if (!t.ok()) return t.status();
  if (!s.expected.is_object())
    return Status::InvalidArgument(
        "expect.webhook takes {\"count\", \"enabled\", \"verified\", \"deliveries\"}");
  const json hooks = ctx.world.lever().webhooks_view((*t)->name);
  json summary = {{"count", hooks.size()}};
  if (!hooks.empty()) {
    summary["enabled"] = hooks[0].value("enabled", json());
    summary["verified"] = hooks[0].value("verified", json());
    summary["deliveries"] = hooks[0].value("deliveries", json::array());
    summary["url"] = hooks[0].value("url", json());
  }
  json expected = s.expected;
  if (expected.contains("deliveries") && expected["deliveries"].is_number())
    expected["deliveries"] = json{{"count", expected["deliveries"]}};
  return first(subset_mismatches(expected, summary, "/webhook"));
}

const std::map<std::string, Check>& checks() {
  static const std::map<std::string, Check> table = {
      {"expect.pending_hires",
       justworks_records(&justworks::FakeJustworks::pending_hires, "pending_hires")},
      {"expect.emails", justworks_records(&justworks::FakeJustworks::emails, "emails")},
      {"expect.members", justworks_records(&justworks::FakeJustworks::members, "members")},
      {"expect.integration", expect_integration},
      {"expect.sync_log", expect_sync_log},
      {"expect.lever_requests", journal_count("lever_requests", true)},
      {"expect.justworks_requests", journal_count("justworks_requests", false)},
      {"expect.error", expect_error},
      {"expect.webhook", expect_webhook},
      {"expect.invariants", check_invariants},
  };
  return table;
}

}  // namespace

Result<std::optional<Mismatch>> check_expectation(StepContext& ctx, const Step& step) {
  auto it = checks().find(step.action);
  if (it == checks().end())
    return Status::InvalidArgument(fmt::format("unknown expectation \"{}\"", step.action));
  return it->second(ctx, step.params);
}

}  // namespace sim
