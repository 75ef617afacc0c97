#include "scenario/scenario.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "common/jsonc.h"

namespace sim {
namespace {

constexpr std::array<std::string_view, 44> kActions = {"justworks.setup",
                                                       "justworks.finish_setup",
                                                       "justworks.disconnect",
                                                       "lever.consent",
                                                       "lever.webhook.enable",
                                                       "lever.webhook.disable",
                                                       "lever.webhook.verify",
                                                       "lever.choose_job",
                                                       "lever.stage.move",
                                                       "lever.offer.create",
                                                       "lever.offer.approve",
                                                       "lever.offer.send",
                                                       "lever.offer.send_outside",
                                                       "lever.offer.mark_signed",
                                                       "lever.offer.decline",
                                                       "lever.hire",
                                                       "lever.unhire",
                                                       "lever.archive",
                                                       "lever.deliver",
                                                       "lever.revoke",
                                                       "lever.refresh_token.reuse",
                                                       "lever.set",
                                                       "justworks.set_permission",
                                                       "justworks.review",
                                                       "justworks.invite",
                                                       "justworks.dismiss",
                                                       "justworks.retry",
                                                       "clock.advance",
                                                       "settle",
                                                       "core.crash",
                                                       "core.restart",
                                                       "fault",
                                                       "webhook.replay",
                                                       "webhook.send",
                                                       "expect.pending_hires",
                                                       "expect.emails",
                                                       "expect.members",
                                                       "expect.integration",
                                                       "expect.sync_log",
                                                       "expect.lever_requests",
                                                       "expect.justworks_requests",
                                                       "expect.error",
                                                       "expect.webhook",
                                                       "expect.invariants"};

using hiresync::Status;
using nlohmann::json;

// Parameters that, in any action that takes them, name something (a person,
// a tenant, an offer, an opportunity...) and so must be strings. Expectations
// take only "tenant" of these; their other keys are the records they match.
constexpr std::array<std::string_view, 14> kNameParams = {
    "as",     "tenant",  "offer", "opportunity", "event", "pending_hire", "signed_by",
    "member", "posting", "stage", "reason",      "path",  "permission",   "match"};

std::string is_count(const json& v) {
  return v.is_number_integer() && (v.is_number_unsigned() || v.get<int64_t>() >= 0)
             ? ""
             : "must be a whole number ≥ 0";
}

// The collection forms of SPEC §6: [..], {"count": n} or {"contains": [..]},
// optionally scoped by {"tenant": "t", "records": <form>}. Returns what is
// wrong, or "" when the form is well made.
std::string collection_form_error(const json& p) {
  json form = p;
  if (form.is_object() && form.contains("tenant")) {
    form.erase("tenant");
    if (form.contains("records")) {
      if (form.size() != 1) return "\"records\" goes alone with \"tenant\"";
      form = json(form["records"]);
    }
  }
  if (form.is_array()) return "";
  const char* forms = "takes [records...], {\"count\": n} or {\"contains\": [records...]}";
  if (!form.is_object() || form.size() != 1) return forms;
  if (form.contains("count")) {
    if (auto e = is_count(form["count"]); !e.empty()) return "parameter \"count\" " + e;
    return "";
  }
  if (form.contains("contains"))
    return form["contains"].is_array() ? "" : "parameter \"contains\" must be an array of records";
  return forms;
}

// {"match": "GET /v1/...*", "count"|"min"|"max": n}, or an array of them.
std::string request_count_error(const json& p) {
  const json rules = p.is_array() ? p : json::array({p});
  for (const auto& rule : rules) {
    if (!rule.is_object() || !rule.contains("match") || !rule["match"].is_string())
      return "takes {\"match\": \"GET /v1/...*\", \"count\": n} or an array of them";
    for (const auto& [key, value] : rule.items()) {
      if (key == "match") continue;
      if (key != "count" && key != "min" && key != "max")
        return fmt::format("unknown parameter \"{}\" (expected match, count, min, max)", key);
      if (auto e = is_count(value); !e.empty()) return fmt::format("parameter \"{}\" {}", key, e);
    }
  }
  return "";
}

// What is wrong with a step's parameters' types, or "": checked when the file
// is read, so a mistyped parameter is a broken scenario (exit 2) even when an
// earlier step fails, never a parameter silently ignored.
std::string param_type_error(const std::string& action, const json& p) {
  const bool expectation = action.rfind("expect.", 0) == 0;
  if (p.is_object()) {
    for (const auto& name : kNameParams) {
      if (expectation && name != "tenant") continue;
      const auto it = p.find(std::string(name));
      if (it != p.end() && !it->is_string())
        return fmt::format("parameter \"{}\" must be a string, not {}", name, it->type_name());
    }
  }
  if (action == "expect.pending_hires" || action == "expect.emails" || action == "expect.members" ||
      action == "expect.sync_log")
    return collection_form_error(p);
  if (action == "expect.lever_requests" || action == "expect.justworks_requests")
    return request_count_error(p);
  if (action == "expect.error" && p.is_object()) {
    if (p.contains("status") && !p["status"].is_number_integer())
      return "parameter \"status\" must be an HTTP status, e.g. 422";
    if (p.contains("message") && !p["message"].is_string())
      return "parameter \"message\" must be a text the error contains";
  }
  return "";
}

}  // namespace

bool is_known_action(const std::string& action) {
  return std::find(kActions.begin(), kActions.end(), action) != kActions.end();
}

std::vector<std::string_view> known_actions() { return {kActions.begin(), kActions.end()}; }

hiresync::Result<Scenario> parse_scenario(const nlohmann::json& doc, const std::string& path) {
  auto bad = [&](const std::string& what) { return Status::InvalidArgument(path + ": " + what); };
  if (!doc.is_object()) return bad("a scenario is a JSON object");
  for (const auto& [key, _] : doc.items()) {
    if (key != "name" && key != "covers" && key != "seed" && key != "world" && key != "steps" &&
        key != "description") {
      return bad(
          fmt::format("unknown key \"{}\" (expected name, description, covers, seed, "
                      "world, steps)",
                      key));
    }
  }
  Scenario s;
  s.path = path;
  if (!doc.contains("name") || !doc["name"].is_string() || doc["name"].get<std::string>().empty())
    return bad("\"name\" must be a non-empty string");
  s.name = doc["name"];
  if (doc.contains("covers")) {
    if (!doc["covers"].is_array()) return bad("\"covers\" must be an array of rule ids");
    for (const auto& c : doc["covers"]) {
      if (!c.is_string()) return bad("\"covers\" must be an array of rule ids");
      s.covers.push_back(c);
    }
  }
  if (doc.contains("seed")) {
    const auto& seed = doc["seed"];
    if (!seed.is_number_integer() || (!seed.is_number_unsigned() && seed.get<int64_t>() < 0))
      return bad("\"seed\" must be a non-negative integer");
    s.seed = seed.get<uint64_t>();
  }
  if (!doc.contains("world") || !(doc["world"].is_string() || doc["world"].is_object()))
    return bad("\"world\" must name a fixture under fixtures/worlds/ or be an inline world object");
  s.world = doc["world"];
  if (!doc.contains("steps") || !doc["steps"].is_array() || doc["steps"].empty())
    return bad("\"steps\" must be a non-empty array");
  size_t index = 0;
  for (const auto& raw : doc["steps"]) {
    ++index;
    if (!raw.is_object() || raw.size() != 1)
      return bad(
          fmt::format("step {}: a step is an object with exactly one action, "
                      "e.g. {{\"lever.hire\": {{\"opportunity\": \"opp-jane\"}}}}",
                      index));
    const auto first = raw.begin();  // the step's one key: not items(), whose proxy is a temporary
    const std::string action = first.key();
    if (!is_known_action(action))
      return bad(fmt::format("step {}: unknown action \"{}\"", index, action));
    if (const std::string e = param_type_error(action, first.value()); !e.empty())
      return bad(fmt::format("step {} ({}): {}", index, action, e));
    s.steps.push_back(Step{index, action, first.value()});
  }
  return s;
}

hiresync::Result<Scenario> load_scenario(const std::string& path) {
  auto doc = load_jsonc_file(path);
  if (!doc.ok()) return doc.status();
  return parse_scenario(*doc, path);
}

hiresync::Result<std::vector<std::string>> find_scenario_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return std::vector<std::string>{path};
  if (!fs::is_directory(path, ec))
    return Status::NotFound(fmt::format("{}: no such scenario file or directory", path));
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->path().extension() != ".json") continue;
    // The error_code forms: a symlink loop or a dangling link is bad input
    // named here, not an exception.
    std::error_code file_ec;
    const bool regular = it->is_regular_file(file_ec);
    if (file_ec)
      return Status::InvalidArgument(fmt::format("{}: {}", it->path().string(), file_ec.message()));
    if (regular) files.push_back(it->path().string());
  }
  if (ec) return Status::InvalidArgument(fmt::format("{}: {}", path, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace sim
