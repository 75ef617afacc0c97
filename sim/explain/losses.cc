#include "explain/losses.h"

#include <fmt/format.h>

namespace sim::explain {
namespace {

using nlohmann::json;

bool has_pending_hire(const json& pending_hires, const std::string& opportunity) {
  for (const json& record : pending_hires) {
    if (record.value("lever_opportunity_id", "") == opportunity) return true;
  }
  return false;
}

const json* sync_entry(const json& sync_log, const std::string& opportunity) {
  if (!sync_log.is_array()) return nullptr;
  for (const json& entry : sync_log) {
    if (entry.value("opportunity_id", "") == opportunity) return &entry;
  }
  return nullptr;
}

std::string refusal(int status) {
  switch (status) {
    case 0:
      return "no answer came";
    case 401:
      return "refused: bad signature";
    case 404:
      return "refused: the core knows no webhook at that address";
    case 413:
      return "refused: the body is over 1 MiB";
    case 503:
      return "the core was down";
    default:
      return fmt::format("answered {}", status);
  }
}

// Why Lever's deliveries of this hire never got it in, or "" if one did.
std::string delivery_loss(const json& webhooks, const std::string& opportunity) {
  std::vector<std::string> why;
  bool any = false;
  for (const json& w : webhooks) {
    if (w.value("event", "") != "candidateHired") continue;
    for (const json& d : w["deliveries"]) {
      if (d.value("opportunityId", "") != opportunity || d.value("event", "") != "candidateHired")
        continue;
      any = true;
      const std::string outcome = d.value("outcome", "");
      const int attempts = d.value("attempts", 0);
      const int status = d.value("last_status", 0);
      if (outcome == "delivered") return "";
      if (outcome == "cancelled") {
        why.push_back(fmt::format(
            "Lever dropped its retries after {} attempt(s) (last: {}): the webhook was {}",
            attempts, refusal(status),
            w.value("deleted", false)          ? "deleted (a reconnect or disconnect replaced it)"
            : !w.value("app_authorized", true) ? "revoked with the app's access"
                                               : "switched off"));
      } else if (outcome == "failed") {
        why.push_back(fmt::format("the delivery was {} on all {} attempt(s); Lever gave up",
                                  refusal(status), attempts));
      } else {
        why.push_back(fmt::format("Lever's next retry is still pending ({} attempt(s), last: {})",
                                  attempts, refusal(status)));
      }
    }
  }
  if (any) return fmt::format("{}", fmt::join(why, "; "));
  // No delivery at all: say what stopped Lever sending one.
  bool live = false, exists = false, off = false, revoked = false;
  for (const json& w : webhooks) {
    if (w.value("event", "") != "candidateHired" || w.value("deleted", false)) continue;
    exists = true;
    live = live || w.value("live", false);
    off = off || !w.value("event_enabled", true);
    revoked = revoked || !w.value("app_authorized", true);
  }
  if (!exists)
    return "no delivery reached the core: Lever has no candidateHired webhook (the integration is "
           "not connected)";
  if (off) return "no delivery reached the core: the webhook is switched off in Lever";
  if (revoked) return "no delivery reached the core: the app's access was revoked in Lever";
  if (live) return "Lever sent no delivery for it (hired before the webhook existed or was on?)";
  return "no delivery reached the core";
}

}  // namespace

json losses(const std::string& tenant, const json& lever_view, const json& pending_hires,
            const json& sync_log) {
  json out = json::array();
  for (const json& hired : lever_view["hired"]) {
    const std::string opportunity = hired.value("id", "");
    if (has_pending_hire(pending_hires, opportunity)) continue;
    std::string what;
    if (const json* entry = sync_entry(sync_log, opportunity)) {
      const std::string state = entry->value("state", "");
      const std::string reason =
          (*entry)["reason"].is_string() ? (*entry)["reason"].get<std::string>() : "";
      if (state == "done") {
        continue;  // done with no record: found already pending (HIRE-5), not lost
      }
      what = fmt::format("the core's hire is {}{}", state, reason.empty() ? "" : ": " + reason);
    } else {
      what = delivery_loss(lever_view["webhooks"], opportunity);
      if (what.empty()) what = "delivered, but the core has no record of the hire";
    }
    out.push_back(
        {{"tenant", tenant},
         {"opportunity", opportunity},
         {"what", fmt::format("hired in Lever, no pending hire in Justworks: {}", what)}});
  }
  return out;
}

json refused_deliveries(const json& decisions) {
  json out = json::array();
  for (const json& d : decisions) {
    // The receiver's line: the why of a paired delivery, else the decision itself.
    const std::string line = d.value("why", "").empty() || d.value("actor", "") != "lever"
                                 ? d.value("what", "")
                                 : d.value("why", "");
    if (line.find("candidateHired") == std::string::npos) continue;
    if (line.find("bad signature") == std::string::npos &&
        line.find("refused (") == std::string::npos) {
      continue;
    }
    out.push_back({{"tenant", nullptr},
                   {"opportunity", nullptr},
                   {"what", "a candidateHired delivery was refused: " + line}});
  }
  return out;
}

}  // namespace sim::explain
