// explain_run: gathers what the run recorded and hands each part to its
// explainer (field_sources, timeline, losses).
#include "explain/explain.h"

#include <algorithm>

#include <fmt/format.h>

#include "explain/field_sources.h"
#include "explain/losses.h"
#include "explain/timeline.h"
#include "scenario/sim_world.h"

namespace sim {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Why the core emailed `to`: what the member list it read last before the
// email said about that member (MAIL-1: admins holding Manage employees then).
std::string why_emailed(const std::string& to, int64_t sent_ms,
                        const std::vector<RecordedCall>& reads) {
  const RecordedCall* members = nullptr;
  for (const RecordedCall& r : reads) {
    if (r.time_ms > sent_ms) break;
    if (r.target == "justworks" && r.path == "/internal/v1/members" && r.query.empty() &&
        !r.body.empty())
      members = &r;
  }
  if (members == nullptr) {
    return "chosen by the core as an admin holding Manage employees (MAIL-1); no member list was "
           "recorded";
  }
  const json body = json::parse(members->body, nullptr, false);
  if (body.is_object() && body.contains("items") && body["items"].is_array()) {
    for (const json& m : body["items"]) {
      if (!m.is_object() || lower(m.value("email", "")) != lower(to)) continue;
      const bool admin = m.value("admin", false);
      const json permissions = m.value("permissions", json::array());
      const bool manages = std::find(permissions.begin(), permissions.end(),
                                     json("manage_employees")) != permissions.end();
      if (admin && manages) {
        return fmt::format(
            "an admin holding Manage employees in the member list the core read "
            "at {} (MAIL-1)",
            explain::clock_text(members->time_ms));
      }
      return fmt::format(
          "NOT an admin holding Manage employees in the member list the core read "
          "at {} (admin: {}, permissions: {})",
          explain::clock_text(members->time_ms), admin, permissions.dump());
    }
  }
  return fmt::format("not in the member list the core read at {}",
                     explain::clock_text(members->time_ms));
}

json record_summary(const json& record) {
  json out = json::object();
  for (const char* key : {"id", "status", "lever_opportunity_id", "first_name", "last_name",
                          "created_at", "review_url"}) {
    out[key] = record.contains(key) ? record[key] : json(nullptr);
  }
  return out;
}

}  // namespace

json explain_run(SimWorld& world) {
  explain::RunRecord run;
  run.deliveries = world.lever().delivery_journal().entries();
  run.calls = world.core().reads().calls();
  run.faults = world.core().faults().journal().entries();
  run.log = world.core().log().entries();
  const std::vector<RecordedCall>& reads = run.calls;

  json out = {{"integration", json::object()},
              {"pending_hires", json::array()},
              {"emails", json::array()},
              {"decisions", json::array()},
              {"losses", json::array()}};
  struct SentEmail {
    int64_t sent_ms;
    size_t order;
    json email;
  };
  std::vector<SentEmail> sent;
  for (const auto& [name, tenant] : world.tenants()) {
    json status = nullptr;
    if (world.core().running()) status = world.core().core().status(tenant.company_id).body;
    json& integration = out["integration"][name];
    if (status.is_object() && !status.contains("error")) {
      integration = {{"status", status["status"]},
                     {"last_error", status["last_error"]},
                     {"webhook", status["webhook"]},
                     {"sync_log", status["sync_log"]}};
    } else {
      integration = {{"status", nullptr},
                     {"last_error", "the core is down at the end of the run: no status"},
                     {"webhook", nullptr},
                     {"sync_log", nullptr}};
    }
    const json records = world.justworks().pending_hires(tenant.company_id);
    for (const json& record : records) {
      json fields = explain::explain_fields(record, reads);
      out["pending_hires"].push_back({{"tenant", name},
                                      {"record", record_summary(record)},
                                      {"sources_from", fields["sources_from"]},
                                      {"fields", std::move(fields["fields"])},
                                      {"flags", std::move(fields["flags"])}});
    }
    for (const json& email : world.justworks().emails(tenant.company_id)) {
      const int64_t sent_ms = explain::parse_iso_utc(email.value("sent_at", "")).value_or(0);
      const std::string link = email.value("link", "");
      const size_t review = link.rfind("/review/");
      out["emails"].push_back(
          {{"tenant", name},
           {"to", email.value("to", "")},
           {"subject", email.value("subject", "")},
           {"pending_hire",
            review == std::string::npos ? json(nullptr) : json(link.substr(review + 8))},
           {"why", why_emailed(email.value("to", ""), sent_ms + 999, reads)}});
      sent.push_back({sent_ms, sent.size(), email});
    }
    json lost =
        explain::losses(name, world.lever().explain_view(name), records, integration["sync_log"]);
    for (json& loss : lost) out["losses"].push_back(std::move(loss));
  }
  std::stable_sort(sent.begin(), sent.end(),
                   [](const SentEmail& a, const SentEmail& b) { return a.sent_ms < b.sent_ms; });
  for (SentEmail& s : sent) run.emails.push_back(std::move(s.email));
  out["decisions"] = explain::decisions(run);
  for (json& loss : explain::refused_deliveries(out["decisions"])) {
    out["losses"].push_back(std::move(loss));
  }
  name_servers(out, world.server_names());  // as the reports do
  return out;
}

}  // namespace sim
