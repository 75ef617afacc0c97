// explanation_html: the explanation as an HTML fragment for the --html
// report, where it sits beside the scenario's timeline.
#include <fmt/format.h>

#include "common/markup.h"
#include "explain/explain.h"
#include "explain/timeline.h"

namespace sim {
namespace {

using nlohmann::json;

std::string esc(std::string_view in) { return markup_escape(in); }

std::string text_of(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string hire_table(const json& h) {
  const json& r = h["record"];
  std::string out = fmt::format(
      "<h4>{} {} {} <small>{} · Lever {}</small></h4>\n<table class=\"fields\"><tr><th>field</th>"
      "<th>value</th><th>rule</th><th>Lever source</th><th>why empty</th></tr>\n",
      esc(text_of(r["id"])), esc(text_of(r["first_name"])), esc(text_of(r["last_name"])),
      esc(text_of(r["status"])), esc(text_of(r["lever_opportunity_id"])));
  for (const json& f : h["fields"]) {
    out += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
        f["value"].is_null() ? " class=\"empty\"" : "", esc(text_of(f["field"])),
        f["value"].is_null() ? "—"
                             : esc(f["value"].dump(-1, ' ', false, json::error_handler_t::replace)),
        esc(text_of(f["rule"])), esc(text_of(f["source"])), esc(text_of(f["reason"])));
  }
  for (const json& flag : h["flags"]) {
    out += fmt::format(
        "<tr class=\"empty\"><td>flags</td><td>{}</td><td>{}</td><td></td><td>{}"
        "</td></tr>\n",
        esc(text_of(flag["flag"])), esc(text_of(flag["rule"])), esc(text_of(flag["reason"])));
  }
  return out + "</table>\n";
}

}  // namespace

std::string explanation_html(const json& e) {
  std::string out = "<section class=\"explain\">\n<h3>What happened</h3>\n";
  for (const auto& [tenant, i] : e["integration"].items()) {
    out += fmt::format("<p>Integration <b>{}</b>: {}{}</p>\n", esc(tenant),
                       esc(i["status"].is_null() ? "unknown" : text_of(i["status"])),
                       i["last_error"].is_null() ? "" : " — " + esc(text_of(i["last_error"])));
  }
  if (e["losses"].empty()) {
    out += "<p class=\"ok\">No loss: every hire Lever holds has its pending hire.</p>\n";
  } else {
    out += "<ul class=\"losses\">\n";
    for (const json& l : e["losses"]) {
      out += fmt::format("<li>{}{}</li>\n",
                         l["opportunity"].is_null() ? "" : esc(text_of(l["opportunity"])) + ": ",
                         esc(text_of(l["what"])));
    }
    out += "</ul>\n";
  }
  for (const json& h : e["pending_hires"]) out += hire_table(h);
  if (!e["emails"].empty()) {
    out += "<h4>Emails</h4>\n<ul class=\"emails\">\n";
    for (const json& m : e["emails"]) {
      out += fmt::format("<li>{} — {}<br><small>{}</small></li>\n", esc(text_of(m["to"])),
                         esc(text_of(m["subject"])), esc(text_of(m["why"])));
    }
    out += "</ul>\n";
  }
  out += "<h4>Decisions</h4>\n<ol class=\"decisions\">\n";
  for (const json& d : e["decisions"]) {
    out += fmt::format(
        "<li><time>{}</time> <b>{}</b> {}{}</li>\n",
        esc(explain::clock_text(d.value("time_ms", int64_t{0}))), esc(text_of(d["actor"])),
        esc(text_of(d["what"])),
        text_of(d["why"]).empty() ? "" : "<br><small>" + esc(text_of(d["why"])) + "</small>");
  }
  return out + "</ol>\n</section>\n";
}

}  // namespace sim
