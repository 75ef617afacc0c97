#include "serve/event_feed.h"

#include <fmt/format.h>

namespace sim::serve {
namespace {

using nlohmann::json;

json request_event(const char* kind, const char* from_to, const JournalEntry& e) {
  json detail = {{"method", e.method}, {"path", e.path}, {"status", e.status}, {"seq", e.seq}};
  if (!e.query.empty()) detail["query"] = e.query;
  if (!e.note.empty()) detail["note"] = e.note;
  // Masked and cut by the journal (common/journal_body.h).
  if (!e.request_body.empty()) detail["request_body"] = e.request_body;
  if (!e.response_body.empty()) detail["response_body"] = e.response_body;
  return {{"kind", kind},
          {"time_ms", e.time_ms},
          {"route", from_to},
          {"summary", fmt::format("{} {} → {}{}", e.method, e.path, e.status,
                                  e.note.empty() ? "" : " (" + e.note + ")")},
          {"detail", std::move(detail)}};
}

}  // namespace

void EventFeed::collect(SimWorld& world) {
  // Each journal's new entries are read outside mu_ (they have locks of
  // their own); only the appending holds it.
  auto lever = world.lever().journal().entries_since(lever_seen_);
  auto deliveries = world.lever().delivery_journal().entries_since(deliveries_seen_);
  auto justworks = world.justworks().journal().entries_since(justworks_seen_);
  auto faults = world.core().faults().journal().entries_since(faults_seen_);
  auto all_lines = world.core().log().lines();
  std::vector<std::string> lines(
      all_lines.begin() + static_cast<std::ptrdiff_t>(std::min(log_seen_, all_lines.size())),
      all_lines.end());
  const int64_t now = world.clock().now_ms();
  std::vector<json> mail;
  for (const auto& [name, tenant] : world.tenants()) {
    const json emails = world.justworks().emails(tenant.company_id);
    size_t& seen = emails_seen_[tenant.company_id];
    for (size_t i = seen; i < emails.size(); ++i) {
      const json& e = emails[i];
      mail.push_back(
          {{"kind", "email"},
           {"time_ms", now},
           {"route", "Justworks → inbox"},
           {"summary", fmt::format("to {}: {}", e.value("to", ""), e.value("subject", ""))},
           {"detail", e},
           {"tenant", name}});
    }
    seen = std::max(seen, emails.size());
  }

  std::lock_guard lock(mu_);
  lever_seen_ += lever.size();
  deliveries_seen_ += deliveries.size();
  justworks_seen_ += justworks.size();
  faults_seen_ += faults.size();
  log_seen_ += lines.size();
  for (const auto& e : lever) add(request_event("lever_request", "core → Lever", e));
  for (const auto& e : deliveries) add(request_event("delivery", "Lever → core", e));
  for (const auto& e : justworks) add(request_event("justworks_request", "core → Justworks", e));
  for (const auto& e : faults) add(request_event("fault", "fault injected", e));
  for (auto& line : lines)
    add({{"kind", "decision"},
         {"time_ms", now},
         {"route", "core"},
         {"summary", line},
         {"detail", {{"line", line}}}});
  for (auto& m : mail) add(std::move(m));
}

void EventFeed::restart(const std::string& why, int64_t time_ms) {
  std::lock_guard lock(mu_);
  lever_seen_ = deliveries_seen_ = justworks_seen_ = faults_seen_ = log_seen_ = 0;
  emails_seen_.clear();
  add({{"kind", "reset"},
       {"time_ms", time_ms},
       {"route", "session"},
       {"summary", why},
       {"detail", json::object()}});
}

void EventFeed::add_step(const json& step, int64_t time_ms) {
  std::lock_guard lock(mu_);
  add({{"kind", "step"},
       {"time_ms", time_ms},
       {"route", "control"},
       {"summary", fmt::format("{} → {}", step.value("action", ""), step.value("result", ""))},
       {"detail", step}});
}

void EventFeed::add(json event) {
  event["seq"] = static_cast<int64_t>(events_.size()) + 1;
  events_.push_back(std::move(event));
  grew_.notify_all();
}

std::vector<json> EventFeed::since(int64_t after, size_t limit) const {
  std::lock_guard lock(mu_);
  std::vector<json> out;
  for (size_t i = static_cast<size_t>(std::max<int64_t>(after, 0));
       i < events_.size() && out.size() < limit; ++i)
    out.push_back(events_[i]);
  return out;
}

int64_t EventFeed::wait_after(int64_t after, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  grew_.wait_for(lock, timeout,
                 [&] { return closed_ || static_cast<int64_t>(events_.size()) > after; });
  return static_cast<int64_t>(events_.size());
}

int64_t EventFeed::last_seq() const {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(events_.size());
}

void EventFeed::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  grew_.notify_all();
}

bool EventFeed::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

}  // namespace sim::serve
