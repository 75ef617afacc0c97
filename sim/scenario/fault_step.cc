#include "scenario/fault_step.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "common/duration.h"
#include "scenario/faults.h"

namespace sim {
namespace {

using hiresync::Result;
using hiresync::Status;
using nlohmann::json;

constexpr int64_t kDefaultDelayMs = 10 * 60 * 1000;
constexpr std::array<std::string_view, 5> kCrashPoints = {
    "after_ack", "after_fetch", "after_create", "before_email", "after_refresh"};
constexpr std::array<std::string_view, 3> kDeliveryFaults = {"duplicate", "reorder", "delay"};
// The Store port's operations (ports/store.h), which a store fault may name.
constexpr std::array<std::string_view, 24> kStoreOps = {"*",
                                                        "atomically",
                                                        "integration",
                                                        "put_integration",
                                                        "connection",
                                                        "put_connection",
                                                        "put_oauth_state",
                                                        "take_oauth_state",
                                                        "remember_delivery",
                                                        "forget_deliveries_before",
                                                        "hire",
                                                        "put_hire",
                                                        "hires_of",
                                                        "due_hires",
                                                        "next_due_ms",
                                                        "put_outbox_email",
                                                        "outbox_of",
                                                        "put_connected_period",
                                                        "connected_periods",
                                                        "reconciliation",
                                                        "put_reconciliation",
                                                        "owed_reconciliations",
                                                        "alive_at_ms",
                                                        "put_alive_at_ms"};

Status bad(const std::string& what) { return Status::InvalidArgument("fault: " + what); }

template <size_t N>
bool one_of(const std::array<std::string_view, N>& names, const std::string& s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

template <size_t N>
std::string listed(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "\"" : ", \"") + std::string(n) + "\"";
  return out;
}

Status only_keys(const json& p, const std::set<std::string>& allowed, const std::string& kind) {
  for (const auto& [key, value] : p.items()) {
    if (!allowed.count(key))
      return bad(fmt::format("parameter \"{}\" does not apply to a {} fault", key, kind));
  }
  return Status::Ok();
}

Result<int> count_param(const json& p, const std::string& key, int fallback, int min) {
  if (!p.contains(key)) return fallback;
  const json& v = p[key];
  if (!v.is_number_integer() || v.get<int64_t>() < min || v.get<int64_t>() > 1'000'000)
    return bad(fmt::format("parameter \"{}\" must be a whole number ≥ {}", key, min));
  return static_cast<int>(v.get<int64_t>());
}

Result<std::string> text_param(const json& p, const std::string& key) {
  if (!p.contains(key) || !p[key].is_string() || p[key].get<std::string>().empty())
    return bad(fmt::format("parameter \"{}\" must be a non-empty string", key));
  return p[key].get<std::string>();
}

Result<ActionOutcome> arm_http(StepContext& ctx, const json& p, const std::string& target,
                               int times, int after) {
  if (auto s =
          only_keys(p, {"target", "match", "respond", "retry_after", "times", "after"}, "request");
      !s.ok())
    return s;
  auto match = text_param(p, "match");
  if (!match.ok()) return match.status();
  if (match->find(' ') == std::string::npos || (*match)[match->find(' ') + 1] != '/')
    return bad("parameter \"match\" is a method and a path glob, e.g. \"GET /v1/opportunities/*\"");
  HttpFault f{target, *match, HttpFaultKind::kStatus, 503, 1, times, after};
  if (!p.contains("respond")) return bad("missing parameter \"respond\"");
  const json& respond = p["respond"];
  if (respond.is_number_integer()) {
    const int64_t code = respond.get<int64_t>();
    if (code < 400 || code > 599)
      return bad("parameter \"respond\" must be a status from 400 to 599");
    f.status = static_cast<int>(code);
  } else if (respond == "timeout") {
    f.kind = HttpFaultKind::kTimeout;
  } else if (respond == "drop") {
    f.kind = HttpFaultKind::kDrop;
  } else if (respond == "reset") {
    f.kind = HttpFaultKind::kReset;
  } else {
    return bad(
        "parameter \"respond\" must be a status (e.g. 503) or \"timeout\", \"drop\", \"reset\"");
  }
  if (p.contains("retry_after")) {
    if (f.kind != HttpFaultKind::kStatus || f.status != 429)
      return bad("parameter \"retry_after\" goes with \"respond\": 429");
    auto seconds = count_param(p, "retry_after", 1, 0);
    if (!seconds.ok()) return seconds.status();
    f.retry_after_s = *seconds;
  }
  if (target == "lever" && f.kind == HttpFaultKind::kStatus && f.status == 429) {
    // Lever's 429 says how long to wait as the account's switch has it.
    auto tenant = ctx.world.tenant(std::nullopt);  // several tenants: Retry-After
    if (tenant.ok()) {
      auto switches = ctx.world.lever().switches((*tenant)->name);
      if (switches.ok()) f.rate_limit_headers = switches->rate_limit_headers;
    }
  }
  ctx.world.core().faults().add(std::move(f));
  return ActionOutcome::ok();
}

Result<ActionOutcome> arm_deliveries(StepContext& ctx, const json& p, int times, int after) {
  if (auto s = only_keys(
          p, {"target", "deliveries", "event", "opportunity", "by", "times", "after"}, "delivery");
      !s.ok())
    return s;
  auto kind = text_param(p, "deliveries");
  if (!kind.ok()) return kind.status();
  if (!one_of(kDeliveryFaults, *kind))
    return bad(fmt::format("parameter \"deliveries\" must be one of {}", listed(kDeliveryFaults)));
  lever::DeliveryFault f;
  f.kind = *kind;
  f.times = times;
  f.after = after;
  for (const char* key : {"event", "opportunity"}) {
    if (!p.contains(key)) continue;
    auto v = text_param(p, key);
    if (!v.ok()) return v.status();
    (key == std::string("event") ? f.event : f.opportunity) = *v;
  }
  f.delay_ms = kDefaultDelayMs;
  if (p.contains("by")) {
    if (f.kind != "delay") return bad("parameter \"by\" goes with \"deliveries\": \"delay\"");
    auto by = text_param(p, "by");
    if (!by.ok()) return by.status();
    auto ms = parse_duration_ms(*by);
    if (!ms.ok()) return bad("parameter \"by\": " + ms.status().message());
    f.delay_ms = *ms;
  }
  ctx.world.lever().add_delivery_fault(std::move(f));
  return ActionOutcome::ok();
}

Result<ActionOutcome> arm_crash(StepContext& ctx, const json& p, int times, int after) {
  if (auto s = only_keys(p, {"target", "crash_at", "times", "after"}, "core"); !s.ok()) return s;
  auto point = text_param(p, "crash_at");
  if (!point.ok()) return point.status();
  if (!one_of(kCrashPoints, *point))
    return bad(fmt::format("parameter \"crash_at\" must be one of {}", listed(kCrashPoints)));
  ctx.world.core().faults().add(CrashFault{*point, times, after});
  return ActionOutcome::ok();
}

// {"target": "store", "op": "put_hire", "after": 3, "times": 2}: the
// matching store operations after the first `after` fail, `times` of them.
Result<ActionOutcome> arm_store(StepContext& ctx, const json& p, int times, int after) {
  if (auto s = only_keys(p, {"target", "op", "times", "after"}, "store"); !s.ok()) return s;
  StoreFault f{"*", times, after};
  if (p.contains("op")) {
    auto op = text_param(p, "op");
    if (!op.ok()) return op.status();
    if (!one_of(kStoreOps, *op))
      return bad(fmt::format("parameter \"op\" must be \"*\" or one of {}", listed(kStoreOps)));
    f.op = *op;
  }
  ctx.world.core().faults().add(std::move(f));
  return ActionOutcome::ok();
}

}  // namespace

Result<ActionOutcome> arm_fault(StepContext& ctx, const json& p) {
  if (!p.is_object()) return bad("takes an object, e.g. {\"target\": \"justworks\", ...}");
  auto target = text_param(p, "target");
  if (!target.ok()) return target.status();
  auto times = count_param(p, "times", 1, 1);
  if (!times.ok()) return times.status();
  auto after = count_param(p, "after", 0, 0);
  if (!after.ok()) return after.status();
  if (p.contains("clear")) {
    if (auto s = only_keys(p, {"target", "clear"}, "clear"); !s.ok()) return s;
    if (p["clear"] != true) return bad("parameter \"clear\" takes true");
    if (*target != "lever" && *target != "justworks" && *target != "core" && *target != "store")
      return bad("parameter \"target\" must be \"lever\", \"justworks\", \"core\" or \"store\"");
    ctx.world.core().faults().clear(*target);
    if (*target == "lever") ctx.world.lever().clear_delivery_faults();
    return ActionOutcome::ok();
  }
  if (*target == "core") {
    if (!p.contains("crash_at"))
      return bad(
          "a core fault is a crash point and needs \"crash_at\" (to disturb Lever's "
          "deliveries to the core, use \"target\": \"lever\" with \"deliveries\", or "
          "core.crash)");
    return arm_crash(ctx, p, *times, *after);
  }
  if (*target == "store") return arm_store(ctx, p, *times, *after);
  if (*target != "lever" && *target != "justworks")
    return bad("parameter \"target\" must be \"lever\", \"justworks\", \"core\" or \"store\"");
  if (p.contains("deliveries")) {
    if (*target != "lever") return bad("\"deliveries\" faults are Lever's (\"target\": \"lever\")");
    return arm_deliveries(ctx, p, *times, *after);
  }
  return arm_http(ctx, p, *target, *times, *after);
}

}  // namespace sim
