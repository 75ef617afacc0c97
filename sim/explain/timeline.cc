#include "explain/timeline.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

namespace sim::explain {
namespace {

using nlohmann::json;

// An item sorts by (time, order): the core's calls and log lines carry their
// RecordOrder; a delivery takes the order of the receiver's line for it, or
// -1 — first at its instant, as the simulator sends due deliveries before
// running the core's worker — when no line answered it (the core was down).
struct Item {
  int64_t time_ms;
  int64_t order;
  json decision;
};

json decision(int64_t time_ms, const std::string& actor, const std::string& what,
              const std::string& why) {
  return {{"time_ms", time_ms}, {"actor", actor}, {"what", what}, {"why", why}};
}

// "webhook c1: candidateHired delivery … accepted" → "candidateHired delivery … accepted".
std::string after_prefix(const std::string& line) {
  const size_t colon = line.find(": ");
  return colon == std::string::npos ? line : line.substr(colon + 2);
}

// A delivery answered with one of these reached the receiver, which logs one line for it.
bool receiver_logged(int status) {
  return (status >= 200 && status < 300) || status == 400 || status == 401 || status == 404 ||
         status == 500;
}

std::string unanswered_why(const JournalEntry& e) {
  if (e.status == 0) return "no answer reached Lever; it retries the delivery later";
  if (e.status == 503) return "the core is down; Lever retries the delivery later";
  if (e.status == 413) return "refused: the body is over 1 MiB";
  return fmt::format("answered {}", e.status);
}

// What a scenario injected for this call, if anything.
std::string injected(const RunRecord& run, const RecordedCall& c) {
  for (const JournalEntry& f : run.faults) {
    if (f.time_ms == c.time_ms && f.query == c.target && f.method == c.method && f.path == c.path)
      return f.note;
  }
  return "";
}

// A path as a person reads it.
std::string thing(const RecordedCall& c) {
  const std::string& p = c.path;
  const std::string opp = "/v1/opportunities/";
  if (c.target == "lever") {
    if (p.starts_with(opp)) {
      const std::string rest = p.substr(opp.size());
      const size_t slash = rest.find('/');
      if (slash == std::string::npos) return "opportunity " + rest;
      return rest.substr(0, slash) + "'s " + rest.substr(slash + 1);
    }
    if (p.starts_with("/v1/postings/")) return "posting " + p.substr(13);
    if (p.starts_with("/v1/users/")) return "user " + p.substr(10);
    if (p == "/v1/webhooks" && c.method == "POST") return "created a webhook";
    if (p.starts_with("/v1/webhooks/") && c.method == "DELETE")
      return "deleted webhook " + p.substr(13);
  } else if (p == "/internal/v1/pending_hires" && c.method == "GET") {
    return "pending hires (" + c.query + ")";
  } else if (c.method == "GET" && p.starts_with("/v1/")) {
    return p.substr(4);
  } else if (c.method == "GET" && p.starts_with("/internal/v1/")) {
    return p.substr(13);
  }
  return c.method + " " + p;
}

bool ok(int status) { return status >= 200 && status < 300; }

std::string problem(const RunRecord& run, const RecordedCall& c) {
  const std::string fault = injected(run, c);
  const std::string answer = c.status == 0 ? "no answer" : fmt::format("{}", c.status);
  return fmt::format("{} {}: {}{}", c.method, c.path, answer,
                     fault.empty() ? "" : " (" + fault + ", injected by the scenario)");
}

// One write to Justworks: the create and the emails, each its own decision.
json justworks_write(const RunRecord& run, const RecordedCall& c, size_t& email) {
  const std::string why = ok(c.status) ? "" : problem(run, c);
  if (c.path == "/internal/v1/pending_hires") {
    if (c.status == 201)
      return decision(c.time_ms, "core", "created the pending hire in Justworks", why);
    if (c.status == 200)
      return decision(c.time_ms, "core",
                      "Justworks returned the pending hire it had already created (same "
                      "Idempotency-Key)",
                      why);
    return decision(c.time_ms, "core", "creating the pending hire failed", why);
  }
  if (c.path == "/internal/v1/emails") {
    if (c.status == 201) {
      const std::string to =
          email < run.emails.size() ? run.emails[email++].value("to", "") : std::string("?");
      return decision(c.time_ms, "core", "emailed " + to,
                      "an admin holding Manage employees (MAIL-1)");
    }
    if (c.status == 200)
      return decision(c.time_ms, "core",
                      "Justworks returned the email it had already sent (same Idempotency-Key)",
                      why);
    return decision(c.time_ms, "core", "an email was not sent", why);
  }
  return decision(c.time_ms, "core", c.method + " " + c.path + " (Justworks)", why);
}

// The core's calls: consecutive reads of one service at one instant become
// one decision ("called Lever: opportunity x, x's offers, …"); each write to
// Justworks is its own. OAuth calls are left to the core's log lines
// (connected, token refreshed, revoked), which say more.
void calls(const RunRecord& run, std::vector<Item>& items) {
  size_t email = 0;
  const auto groupable = [](const RecordedCall& c) {
    return c.target == "lever" ? c.path.starts_with("/v1/") : c.method == "GET";
  };
  for (size_t i = 0; i < run.calls.size();) {
    const RecordedCall& first = run.calls[i];
    if (!first.path.starts_with("/v1/") && !first.path.starts_with("/internal/v1/")) {  // OAuth
      ++i;
      continue;
    }
    if (!groupable(first)) {
      items.push_back({first.time_ms, first.order, justworks_write(run, first, email)});
      ++i;
      continue;
    }
    std::vector<std::string> things, problems;
    size_t j = i;
    for (; j < run.calls.size(); ++j) {
      const RecordedCall& c = run.calls[j];
      if (c.time_ms != first.time_ms || c.target != first.target || !groupable(c)) break;
      // A log line written between two calls ends the group: it happened in between.
      if (j > i && c.order != run.calls[j - 1].order + 1) break;
      things.push_back(thing(c));
      if (!ok(c.status)) problems.push_back(problem(run, c));
    }
    const std::string verb = first.target == "lever" ? "called Lever: " : "read from Justworks: ";
    items.push_back(
        {first.time_ms, first.order,
         decision(first.time_ms, "core", verb + fmt::format("{}", fmt::join(things, ", ")),
                  fmt::format("{}", fmt::join(problems, "; ")))});
    i = j;
  }
}

}  // namespace

std::string clock_text(int64_t epoch_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> at{milliseconds{epoch_ms}};
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count(),
                     time.subseconds().count());
}

json decisions(const RunRecord& run) {
  std::vector<Item> items;
  // Each delivery with the receiver's line for it: the next unpaired
  // "webhook …" line at the same instant.
  std::vector<bool> paired(run.log.size(), false);
  size_t from = 0;
  for (const JournalEntry& e : run.deliveries) {
    int64_t order = -1;
    std::string why;
    if (receiver_logged(e.status)) {
      for (size_t k = from; k < run.log.size() && run.log[k].time_ms <= e.time_ms; ++k) {
        if (paired[k] || run.log[k].time_ms != e.time_ms ||
            !run.log[k].text.starts_with("webhook ")) {
          continue;
        }
        paired[k] = true;
        from = k + 1;
        order = run.log[k].order;
        why = after_prefix(run.log[k].text);
        break;
      }
    }
    if (why.empty()) why = unanswered_why(e);
    items.push_back({e.time_ms, order,
                     decision(e.time_ms, "lever",
                              fmt::format("webhook delivery {} → {}", e.note, e.status), why)});
  }
  for (size_t k = 0; k < run.log.size(); ++k) {
    if (paired[k]) continue;
    items.push_back({run.log[k].time_ms, run.log[k].order,
                     decision(run.log[k].time_ms, "core", run.log[k].text, "")});
  }
  calls(run, items);
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::pair{a.time_ms, a.order} < std::pair{b.time_ms, b.order};
  });
  json out = json::array();
  for (Item& item : items) out.push_back(std::move(item.decision));
  return out;
}

}  // namespace sim::explain
