// explanation_text: the explanation for a terminal, section by section.
#include <fmt/format.h>

#include "explain/explain.h"
#include "explain/timeline.h"

namespace sim {
namespace {

using nlohmann::json;

struct Paint {
  bool color;
  std::string operator()(const char* code, const std::string& text) const {
    return color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};

std::string text_of(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string value_text(const json& v) {
  if (v.is_null()) return "(empty)";
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

void integration(const json& e, const Paint& paint, std::string& out) {
  out += paint("1", "Integration") + "\n";
  for (const auto& [tenant, i] : e["integration"].items()) {
    std::string webhook = "no webhook";
    if (i["webhook"].is_object()) {
      webhook = fmt::format("webhook {} {}", text_of(i["webhook"]["id"]),
                            i["webhook"].value("verified", false) ? "verified" : "not verified");
    }
    out += fmt::format("  {}: {} ({}){}\n", tenant,
                       i["status"].is_null() ? "unknown" : text_of(i["status"]), webhook,
                       i["last_error"].is_null() ? "" : " — " + text_of(i["last_error"]));
  }
}

void pending_hires(const json& e, const Paint& paint, std::string& out) {
  out += paint("1", fmt::format("Pending hires ({})", e["pending_hires"].size())) + "\n";
  for (const json& h : e["pending_hires"]) {
    const json& r = h["record"];
    out += fmt::format("  {} {} {} — {}, Lever opportunity {} ({})\n", text_of(r["id"]),
                       text_of(r["first_name"]), text_of(r["last_name"]), text_of(r["status"]),
                       text_of(r["lever_opportunity_id"]), text_of(h["tenant"]));
    out += "    " + paint("2", "sources: " + text_of(h["sources_from"])) + "\n";
    for (const json& f : h["fields"]) {
      const std::string value = value_text(f["value"]);
      const std::string source = text_of(f["source"]).empty() ? "—" : text_of(f["source"]);
      out += fmt::format("    {:<20} {:<28} {} {}\n", text_of(f["field"]),
                         f["value"].is_null() ? paint("33", value) : paint("32", value),
                         paint("36", fmt::format("{:<6}", text_of(f["rule"]))), paint("2", source));
      if (!text_of(f["reason"]).empty()) {
        out += fmt::format("    {:<20} {}\n", "", paint("33", "↳ " + text_of(f["reason"])));
      }
    }
    for (const json& flag : h["flags"]) {
      out += fmt::format("    flag {} ({}): {}\n", paint("33", text_of(flag["flag"])),
                         text_of(flag["rule"]), text_of(flag["reason"]));
    }
  }
}

void emails(const json& e, const Paint& paint, std::string& out) {
  out += paint("1", fmt::format("Emails ({})", e["emails"].size())) + "\n";
  for (const json& m : e["emails"]) {
    out += fmt::format("  to {} — \"{}\" for {}\n", text_of(m["to"]), text_of(m["subject"]),
                       text_of(m["pending_hire"]));
    out += "    " + paint("2", "why: " + text_of(m["why"])) + "\n";
  }
}

void decisions(const json& e, const Paint& paint, std::string& out) {
  out += paint("1", "Decisions") + "\n";
  for (const json& d : e["decisions"]) {
    out += fmt::format("  {} {:<9} {}\n",
                       paint("2", explain::clock_text(d.value("time_ms", int64_t{0}))),
                       text_of(d["actor"]), text_of(d["what"]));
    if (!text_of(d["why"]).empty()) {
      out += fmt::format("  {:<23} {:<9} {}\n", "", "", paint("2", "↳ " + text_of(d["why"])));
    }
  }
}

void losses(const json& e, const Paint& paint, std::string& out) {
  if (e["losses"].empty()) {
    out += paint("1", "Losses") + ": none — every hire Lever holds has its pending hire\n";
    return;
  }
  out += paint("1", fmt::format("Losses ({})", e["losses"].size())) + "\n";
  for (const json& l : e["losses"]) {
    const std::string where =
        l["opportunity"].is_null()
            ? ""
            : fmt::format("{} {}: ", text_of(l["tenant"]), text_of(l["opportunity"]));
    out += "  " + paint("31", "✗ " + where + text_of(l["what"])) + "\n";
  }
}

}  // namespace

std::string explanation_text(const json& explanation, bool color) {
  const Paint paint{color};
  std::string out;
  integration(explanation, paint, out);
  pending_hires(explanation, paint, out);
  emails(explanation, paint, out);
  losses(explanation, paint, out);
  decisions(explanation, paint, out);
  return out;
}

}  // namespace sim
