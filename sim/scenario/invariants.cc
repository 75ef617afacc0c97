#include "scenario/invariants.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace sim {
namespace {

using hiresync::Result;
using hiresync::Status;
using nlohmann::json;
using Found = std::optional<Mismatch>;

// Secrets shorter than this could match ordinary text by chance.
constexpr size_t kMinSecretLength = 8;

Result<std::set<std::string>> id_list(const json& p, const std::string& key) {
  std::set<std::string> out;
  if (!p.contains(key)) return out;
  if (!p[key].is_array())
    return Status::InvalidArgument(
        fmt::format("expect.invariants: \"{}\" is a list of opportunity ids", key));
  for (const auto& v : p[key]) {
    if (!v.is_string())
      return Status::InvalidArgument(
          fmt::format("expect.invariants: \"{}\" holds opportunity ids", key));
    out.insert(v.get<std::string>());
  }
  return out;
}

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

// Exactly once on the Justworks side: pending hires per opportunity, and
// the emails about each one.
Found check_records(const std::string& tenant, const json& hires, const json& emails,
                    const json& members, const std::set<std::string>& synced,
                    const std::set<std::string>& unsynced) {
  const std::string at = "/invariants/" + tenant;
  std::map<std::string, int> records, pending;
  for (const auto& h : hires) {
    const std::string opp = text(h.value("lever_opportunity_id", json()));
    ++records[opp];
    if (h.value("status", json()) == "pending") ++pending[opp];
  }
  for (const auto& [opp, n] : pending) {
    if (n > 1)
      return Mismatch{at + "/pending_hires/" + opp, "at most one pending pending-hire",
                      fmt::format("{} pending hires", n), "a duplicate was created"};
  }
  for (const auto& opp : synced) {
    if (pending[opp] != 1)
      return Mismatch{at + "/pending_hires/" + opp,
                      "exactly one pending hire in status pending (hired while connected)",
                      fmt::format("{} in status pending, {} in all", pending[opp], records[opp]),
                      ""};
  }
  for (const auto& opp : unsynced) {
    if (records[opp] != 0)
      return Mismatch{at + "/pending_hires/" + opp,
                      "no pending hire (hired while disconnected or with the webhook off)",
                      fmt::format("{} pending hires", records[opp]), ""};
  }

  std::set<std::string> eligible;
  for (const auto& m : members) {
    const json perms = m.value("permissions", json::array());
    if (m.value("admin", false) &&
        std::find(perms.begin(), perms.end(), "manage_employees") != perms.end())
      eligible.insert(text(m.value("email", json())));
  }
  std::map<std::string, std::map<std::string, int>> mail;  // pending hire id → recipient → count
  for (const auto& e : emails) {
    const std::string link = text(e.value("link", json()));
    const std::string to = text(e.value("to", json()));
    std::string about;
    for (const auto& h : hires) {
      const std::string id = text(h.value("id", json()));
      if (!id.empty() && link.size() >= id.size() &&
          link.compare(link.size() - id.size(), id.size(), id) == 0)
        about = id;
    }
    if (about.empty())
      return Mismatch{at + "/emails", "every email about an existing pending hire",
                      fmt::format("an email to {} linking {}", to, link), ""};
    if (!eligible.count(to))
      return Mismatch{at + "/emails/" + about, "emails only to admins with Manage employees",
                      "an email to " + to, ""};
    ++mail[about][to];
  }
  for (const auto& h : hires) {
    const std::string id = text(h.value("id", json()));
    for (const auto& admin : eligible) {
      const int n = mail[id][admin];
      if (n != 1)
        return Mismatch{at + "/emails/" + id + "/" + admin, "exactly one email per eligible admin",
                        fmt::format("{} emails", n), ""};
    }
  }
  return std::nullopt;
}

// REL-6: what Lever saw acknowledged, the core had persisted.
Found check_acked_hires_logged(const std::string& tenant, const json& webhooks,
                               const json& sync_log) {
  std::set<std::string> logged;
  for (const auto& row : sync_log) logged.insert(text(row.value("opportunity_id", json())));
  for (const auto& w : webhooks) {
    for (const auto& d : w.value("deliveries", json::array())) {
      if (d.value("event", json()) != "candidateHired" || !d.value("delivered", false)) continue;
      const std::string opp = text(d.value("opportunityId", json()));
      if (!opp.empty() && !logged.count(opp))
        return Mismatch{"/invariants/" + tenant + "/sync_log/" + opp,
                        "a sync-log row for every hire the core acknowledged",
                        "none: the delivery was answered 2xx but not persisted", ""};
    }
  }
  return std::nullopt;
}

// Nothing lost inside the core (REL-7): once settled, every sync-log row
// has reached an end — done with a pending hire Justworks holds, or failed
// or ignored with the reason shown — and no hire the promise says is synced
// is missing from the log.
Found check_core_consistent(const std::string& tenant, const json& sync_log, const json& hires,
                            const std::set<std::string>& synced) {
  const std::string at = "/invariants/" + tenant + "/sync_log/";
  std::set<std::string> known_ids, logged;
  for (const auto& h : hires) known_ids.insert(text(h.value("id", json())));
  for (const auto& row : sync_log) {
    const std::string opp = text(row.value("opportunity_id", json()));
    const std::string state = text(row.value("state", json()));
    logged.insert(opp);
    if (state == "queued" || state == "running")
      return Mismatch{at + opp + "/state", "done, failed or ignored once settled", state,
                      "a job the worker never finishes is a hire lost inside the core"};
    if (state == "done" && !known_ids.count(text(row.value("pending_hire_id", json()))))
      return Mismatch{at + opp + "/pending_hire_id", "a pending hire Justworks holds",
                      row.value("pending_hire_id", json()).dump(), ""};
    if ((state == "failed" || state == "ignored") && text(row.value("reason", json())).empty())
      return Mismatch{at + opp + "/reason", "the reason shown", "none",
                      "a failure must be visible"};
  }
  for (const auto& opp : synced) {
    if (!logged.count(opp))
      return Mismatch{at + opp, "a sync-log row (hired while connected)", "none", ""};
  }
  return std::nullopt;
}

Found check_no_secret(const std::vector<std::string>& secrets, const std::string& where,
                      const std::string& haystack) {
  for (const auto& s : secrets) {
    if (s.size() >= kMinSecretLength && haystack.find(s) != std::string::npos)
      return Mismatch{"/invariants/secrets", "no secret in " + where,
                      "a secret of " + std::to_string(s.size()) + " characters", "TOKEN-2"};
  }
  return std::nullopt;
}

}  // namespace

Result<Found> check_invariants(StepContext& ctx, const json& p) {
  if (!p.is_null() && !p.is_object())
    return Status::InvalidArgument(
        "expect.invariants takes {\"synced\": [...], \"unsynced\": [...]}");
  const json params = p.is_object() ? p : json::object();
  auto synced = id_list(params, "synced");
  if (!synced.ok()) return synced.status();
  auto unsynced = id_list(params, "unsynced");
  if (!unsynced.ok()) return unsynced.status();
  if (!ctx.world.core().running())
    return Found(Mismatch{"/invariants/core", "a running core", "the core is down",
                          "restart it (core.restart) before checking"});

  const auto secrets = ctx.world.issued_secrets();
  std::string log_text;
  for (const auto& line : ctx.world.core().log().lines()) log_text += line + "\n";
  if (auto m = check_no_secret(secrets, "the core's log", log_text)) return m;

  for (const char* pattern : {"* /v1/*resumes*", "* /v1/*files*", "* /v1/*/download*"}) {
    if (const size_t n = ctx.world.lever().journal().count_matching(pattern))
      return Found(Mismatch{std::string("/invariants/lever_requests[") + pattern + "]",
                            "no request (MAP-10)", fmt::format("{} requests", n), ""});
  }

  for (const auto& [name, tenant] : ctx.world.tenants()) {
    auto& jw = ctx.world.justworks();
    const json hires = jw.pending_hires(tenant.company_id);
    const json emails = jw.emails(tenant.company_id);
    if (auto m =
            check_records(name, hires, emails, jw.members(tenant.company_id), *synced, *unsynced))
      return m;
    if (auto m = check_no_secret(secrets, "emails", emails.dump())) return m;
    auto status = integration_status(ctx, tenant.company_id);
    if (!status.ok()) return status.status();
    if (auto m = check_no_secret(secrets, "the integration status and sync log", status->dump()))
      return m;
    const json sync_log = status->value("sync_log", json::array());
    if (auto m = check_acked_hires_logged(name, ctx.world.lever().webhooks_view(name), sync_log))
      return m;
    if (auto m = check_core_consistent(name, sync_log, hires, *synced)) return m;
  }
  return Found();
}

}  // namespace sim
