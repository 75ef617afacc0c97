#include "cli/html_report.h"

#include "cli/reports.h"
#include "explain/explain.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace sim::cli {
namespace {

using nlohmann::json;
using Outcome = ScenarioResult::Outcome;

std::string esc(std::string_view in) { return markup_escape(in); }

// "+1h05m" since the scenario's first step: easier to read than epoch ms.
std::string offset(int64_t ms, int64_t start_ms) {
  int64_t d = std::max<int64_t>(0, ms - start_ms) / 1000;
  if (d == 0) return "+0s";
  std::string out = "+";
  for (const auto& [unit, seconds] : {std::pair{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}) {
    if (d >= seconds) {
      out += fmt::format("{}{}", d / seconds, unit);
      d %= seconds;
    }
  }
  return out;
}

struct Event {
  int64_t time_ms;
  std::string lane;  // runner, webhook (Lever → core), lever, justworks
  std::string what;
  std::string status;
};

// The step during which request number `seq` of a fake's journal happened:
// the first whose recorded count (`after_key`) reaches it; past the last
// step (final-state reads) it goes to the end.
size_t step_of(const json& steps, const char* after_key, int64_t seq) {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].value(after_key, int64_t{0}) >= seq) return i;
  }
  return steps.size();
}

// Each step, followed by what it caused: Lever's webhook deliveries to the
// core, the core's calls to Lever and to Justworks (the emails among them).
std::vector<Event> timeline(const json& t) {
  const json steps = t.value("steps", json::array());
  std::vector<std::vector<Event>> by_step(steps.size() + 1);
  for (size_t i = 0; i < steps.size(); ++i) {
    const json& s = steps[i];
    std::string what = s.value("action", "");
    if (s.contains("params") && !s["params"].empty()) what += " " + s["params"].dump();
    if (what.size() > 160) what = what.substr(0, 157) + "...";
    std::string status = s.value("result", "");
    if (s.contains("message")) status += ": " + s["message"].get<std::string>();
    by_step[i].push_back({s.value("time_ms", int64_t{0}), "runner", what, status});
  }
  for (const auto& [key, after_key, lane] :
       {std::tuple{"delivery_journal", "deliveries_after", "webhook"},
        std::tuple{"lever_journal", "lever_requests_after", "lever"},
        std::tuple{"justworks_journal", "justworks_requests_after", "justworks"}}) {
    const json journal = t.value(key, json::array());
    for (const auto& e : journal) {
      std::string what = e.value("method", "") + " " + e.value("path", "");
      std::string status = std::to_string(e.value("status", 0));
      if (e.contains("note")) status += " " + e["note"].get<std::string>();
      by_step[step_of(steps, after_key, e.value("seq", int64_t{0}))].push_back(
          {e.value("time_ms", int64_t{0}), lane, what, status});
    }
  }
  std::vector<Event> events;
  for (auto& group : by_step) {
    // The step first, then its requests by virtual time (a settle's retries
    // come hours apart); requests at one instant keep their lane's order.
    std::stable_sort(group.begin(), group.end(), [](const Event& a, const Event& b) {
      return std::pair{a.lane != "runner", a.time_ms} < std::pair{b.lane != "runner", b.time_ms};
    });
    for (auto& e : group) events.push_back(std::move(e));
  }
  return events;
}

void render_scenario(std::string& out, const ScenarioResult& r, size_t index) {
  const bool ok = r.outcome == Outcome::kPassed;
  out += fmt::format(
      "<details class=\"scenario {}\"{}><summary><span class=\"badge\">{}</span> {} "
      "<code>{}</code> <small>seed {} · {} ms</small></summary>\n",
      ok ? "pass" : "fail", ok ? "" : " open", ok ? "PASS" : "FAIL", esc(r.name), esc(r.path),
      r.seed, r.wall_ms);
  if (!r.report.empty()) out += fmt::format("<pre class=\"report\">{}</pre>\n", esc(r.report));
  const json& t = r.transcript;
  const auto events = timeline(t);
  const int64_t start = events.empty() ? 0 : events.front().time_ms;
  if (!r.explanation.is_null()) out += "<div class=\"beside\"><div class=\"events\">\n";
  out +=
      "<table class=\"timeline\"><thead><tr><th>time</th><th>runner</th><th>Lever → core</th>"
      "<th>core → Lever</th><th>core → Justworks</th></tr></thead><tbody>\n";
  for (const auto& e : events) {
    const std::string cell =
        fmt::format("<span class=\"what\">{}</span> <span class=\"status\">{}</span>", esc(e.what),
                    esc(e.status));
    const bool failed = e.status.rfind("mismatch", 0) == 0 || e.status.rfind("refused", 0) == 0 ||
                        e.status.rfind("error", 0) == 0 || e.status.rfind("4", 0) == 0 ||
                        e.status.rfind("5", 0) == 0 || e.status.rfind("0 ", 0) == 0;
    out += fmt::format(
        "<tr class=\"{}{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", e.lane,
        failed ? " bad" : "", offset(e.time_ms, start), e.lane == "runner" ? cell : "",
        e.lane == "webhook" ? cell : "", e.lane == "lever" ? cell : "",
        e.lane == "justworks" ? cell : "");
  }
  out += "</tbody></table>\n";
  // The explanation beside the timeline: what each row amounted to.
  if (!r.explanation.is_null()) {
    out += "</div>\n" + explanation_html(r.explanation) + "</div>\n";
  }
  const json all_emails = t.value("emails", json::object());
  for (const auto& [tenant, emails] : all_emails.items()) {
    out +=
        fmt::format("<h4>Emails ({}) — {}</h4><ul class=\"emails\">\n", emails.size(), esc(tenant));
    for (const auto& m : emails) {
      out += fmt::format("<li><b>{}</b> → {} <a href=\"{}\">{}</a></li>\n",
                         esc(m.value("subject", "")), esc(m.value("to", "")),
                         esc(m.value("link", "")), esc(m.value("link", "")));
    }
    out += "</ul>\n";
  }
  const json all_hires = t.value("pending_hires", json::object());
  for (const auto& [tenant, hires] : all_hires.items()) {
    out += fmt::format("<h4>Pending hires ({}) — {}</h4><pre class=\"records\">{}</pre>\n",
                       hires.size(), esc(tenant), esc(hires.dump(2)));
  }
  out += fmt::format("</details><!-- scenario {} -->\n", index);
}

}  // namespace

std::string render_html(const std::vector<ScenarioResult>& results) {
  size_t passed = 0;
  for (const auto& r : results) passed += r.outcome == Outcome::kPassed;
  std::string out = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hiresim report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330;background:#fafbfc}
h1{font-size:1.4em} .summary{font-size:1.1em;margin-bottom:1em}
details.scenario{background:#fff;border:1px solid #d8dde6;border-radius:6px;margin:.6em 0;padding:.4em .8em}
summary{cursor:pointer} .badge{font-weight:700;padding:0 .4em;border-radius:3px;color:#fff}
.pass .badge{background:#2f8f46} .fail .badge{background:#c0392b}
pre.report{background:#fff4f2;border-left:4px solid #c0392b;padding:.6em;overflow:auto}
pre.records{background:#f4f6f9;padding:.6em;overflow:auto;max-height:24em}
table.timeline{border-collapse:collapse;width:100%;table-layout:fixed;margin:.6em 0;font-size:12.5px}
.timeline th,.timeline td{border-bottom:1px solid #eceff3;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.timeline th:first-child,.timeline td:first-child{white-space:nowrap;color:#667;width:4.5em}
 tr.bad .status{color:#c0392b;font-weight:600}
.status{color:#667} code{font-size:.9em}
.beside{display:flex;gap:1em;align-items:flex-start} .beside .events{flex:3;min-width:0}
section.explain{flex:2;min-width:0;background:#f7f9fc;border-left:3px solid #4a6fa5;padding:.2em .8em;font-size:12.5px}
table.fields{border-collapse:collapse;width:100%} .fields td,.fields th{padding:1px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.fields tr.empty td{color:#a0522d} ul.losses li{color:#c0392b;font-weight:600} p.ok{color:#2f8f46}
</style></head><body>
<h1>hiresim report</h1>
)";
  out += fmt::format("<p class=\"summary\">{} passed, {} failed</p>\n", passed,
                     results.size() - passed);
  for (size_t i = 0; i < results.size(); ++i) render_scenario(out, results[i], i);
  out += "</body></html>\n";
  return out;
}

hiresync::Status write_html(const std::vector<ScenarioResult>& results, const std::string& path) {
  return write_report_file(path, render_html(results));
}

}  // namespace sim::cli
