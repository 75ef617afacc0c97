#include "cli/repro_command.h"

#include <fmt/format.h>

#include "cli/reports.h"
#include "cli/run_command.h"
#include "explain/explain.h"
#include "repro/bundle.h"
#include "repro/outcome.h"
#include "repro/redact.h"
#include "repro/replay_plan.h"
#include "repro/world_builder.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "scenario/sim_world.h"
#include "scenario/step_context.h"

namespace sim::cli {
namespace {

using nlohmann::json;
using Outcome = ScenarioResult::Outcome;

// One replay of a scenario document, and what it left.
struct Replay {
  ScenarioResult result;
  repro::Outcome outcome;
  json explanation;  // sim/explain: each field's source and rule, the core's decisions
};

hiresync::Result<Replay> replay(const json& doc, const std::string& label) {
  auto scenario = parse_scenario(doc, label);
  if (!scenario.ok()) return scenario.status();
  json integration = json::object();
  json explanation;
  RunOptions options;
  options.keep_transcripts = true;
  options.after_steps = [&integration, &explanation](SimWorld& world, ScenarioResult&) {
    explanation = explain_run(world);
    StepContext ctx{world, std::nullopt};
    auto status = integration_status(ctx, world.tenants().begin()->second.company_id);
    if (!status.ok()) return;
    // The status API also names the core's own URLs, which change every run.
    integration = {{"status", status->value("status", json())},
                   {"last_error", status->value("last_error", json())},
                   {"sync_log", status->value("sync_log", json::array())}};
  };
  Replay r;
  r.result = run_scenario(*scenario, options);
  r.outcome = repro::outcome_of(r.result, integration);
  r.explanation = std::move(explanation);
  return r;
}

int exit_code_of(const ScenarioResult& r) {
  switch (r.outcome) {
    case Outcome::kPassed:
      return kAllPassed;
    case Outcome::kFailed:
      return kExpectationFailed;
    case Outcome::kInvalid:
      return kBadInput;
    case Outcome::kError:
      return kInternalError;
  }
  return kInternalError;
}

const char* outcome_word(Outcome o) {
  switch (o) {
    case Outcome::kPassed:
      return "replayed";
    case Outcome::kFailed:
      return "a step failed";
    case Outcome::kInvalid:
      return "invalid";
    case Outcome::kError:
      return "internal error";
  }
  return "internal error";
}

std::string text_or_null(const json& v) {
  if (v.is_null()) return "—";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// What the run left, for a terminal: each pending hire field by field with
// its notes, each email, the integration's status.
std::string summary(const repro::Outcome& o) {
  std::string out =
      fmt::format("integration: {}\n", text_or_null(o.integration.value("status", json())));
  if (o.pending_hires.empty()) out += "pending hires: none\n";
  for (const json& h : o.pending_hires) {
    out += fmt::format("pending hire {} for opportunity {} ({})\n",
                       text_or_null(h.value("id", json())),
                       text_or_null(h.value("lever_opportunity_id", json())),
                       text_or_null(h.value("status", json())));
    for (const char* key : {"first_name", "last_name", "home_email", "title", "department",
                            "office", "manager", "start_date", "member_type", "compensation_amount",
                            "type_of_earnings", "exemption_status", "flags"}) {
      out += fmt::format("  {:<20} {}\n", key, text_or_null(h.value(key, json())));
    }
    for (const json& n : h.value("notes", json::array())) {
      out += fmt::format("  note on {}: {}\n", text_or_null(n.value("field", json())),
                         text_or_null(n.value("reason", json())));
    }
  }
  if (o.emails.empty()) out += "emails: none\n";
  for (const json& e : o.emails) {
    out += fmt::format("email to {}: {}\n", text_or_null(e.value("to", json())),
                       text_or_null(e.value("subject", json())));
  }
  return out;
}

std::string html_page(const std::string& title, const std::string& body) {
  return fmt::format(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>"
      "<body>\n<h1>{}</h1>\n{}\n</body></html>\n",
      markup_escape(title), markup_escape(title), body);
}

}  // namespace

void add_repro_command(CLI::App& app, ReproArgs& args, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "repro",
      "Replay a customer's Lever API responses: connect, deliver what Lever sent, explain");
  cmd->add_option("path", args.path,
                  "A folder (or one file) of Lever API responses, as curl saved them")
      ->required();
  cmd->add_option("--opportunity", args.opportunity, "Deliver only this opportunity's events");
  cmd->add_option("--steps", args.steps_path,
                  "Scenario steps (a JSON array) to run after connecting");
  cmd->add_flag(
      "--redact", args.redact,
      "Replace personal data by stable pseudonyms before anything is written, and check the "
      "redacted copy shows the same outcome");
  cmd->add_option("--save", args.save_path,
                  "Write a bundle (a scenario `hiresim run` replays) to FILE");
  cmd->add_option("--json", args.json_path,
                  "Write the outcome and its explanation as JSON to FILE");
  cmd->add_option("--html", args.html_path, "Write the explanation as an HTML page to FILE");
  cmd->callback([&args, &exit_code] { exit_code = repro(args); });
}

int repro(const ReproArgs& args) {
  auto bad = [](const std::string& message) {
    fmt::print(stderr, "hiresim repro: {}\n", message);
    return kBadInput;
  };
  auto exported = repro::read_lever_export(args.path);
  if (!exported.ok()) return bad(exported.status().message());
  auto imported = repro::build_world(*exported);
  if (!imported.ok()) {
    const std::string& m = imported.status().message();
    return bad(m.rfind(args.path, 0) == 0 ? m : args.path + ": " + m);
  }
  repro::ReplayRequest request{args.path, args.opportunity, json::array()};
  if (!args.steps_path.empty()) {
    auto steps = repro::read_steps_file(args.steps_path);
    if (!steps.ok()) return bad(steps.status().message());
    request.extra_steps = *steps;
  }
  std::vector<std::string> notes = imported->notes;
  auto scenario = repro::replay_scenario(*imported, request, notes);
  if (!scenario.ok()) return bad(scenario.status().message());

  // With --redact everything shown or written comes from the redacted copy.
  repro::Redactor redactor;
  json shown_doc = *scenario;
  json shown_notes = notes;
  if (args.redact) {
    shown_doc = redactor.redact_scenario(*scenario);
    shown_doc["name"] = "repro (redacted)";
    shown_notes = redactor.scrub(shown_notes);
  }
  const std::string label = args.path + " (repro)";
  auto original = replay(*scenario, label);
  if (!original.ok()) return bad(original.status().message());
  Replay shown_run = std::move(*original);
  json differences = json::array();
  repro::Outcome original_outcome = shown_run.outcome;
  if (args.redact) {
    auto redacted = replay(shown_doc, label + " redacted");
    if (!redacted.ok()) return bad(redacted.status().message());
    for (const std::string& d : repro::compare_outcomes(original_outcome, (*scenario)["world"],
                                                        redacted->outcome, shown_doc["world"]))
      differences.push_back(d);
    shown_run = std::move(*redacted);
  }

  // The shown run's only: with --redact the original's would name what the
  // redaction hides.
  for (const std::string& w : shown_run.result.warnings)
    fmt::print(stderr, "warning: {}\n", args.redact ? redactor.scrub_text(w) : w);
  for (const json& n : shown_notes) fmt::print("note: {}\n", n.get<std::string>());
  if (shown_run.result.outcome != Outcome::kPassed) fmt::print("{}\n", shown_run.result.report);
  fmt::print("{}", summary(shown_run.outcome));
  if (!shown_run.explanation.is_null()) {
    const std::string why = explanation_text(shown_run.explanation, false);
    fmt::print("\nwhy:\n{}", args.redact ? redactor.scrub_text(why) : why);
  }
  if (args.redact) {
    if (differences.empty()) {
      fmt::print("redacted: the redacted copy reproduces the same outcome\n");
    } else {
      fmt::print("redacted: the redacted copy does NOT reproduce the outcome:\n");
      for (const json& d : differences) fmt::print("  {}\n", d.get<std::string>());
    }
  }

  int code = exit_code_of(shown_run.result);
  // A bundle of a run that could not even start would replay nothing.
  const bool ran =
      shown_run.result.outcome == Outcome::kPassed || shown_run.result.outcome == Outcome::kFailed;
  if (!args.save_path.empty() && ran) {
    const json bundle = repro::make_bundle(shown_doc, shown_run.outcome);
    if (auto s = repro::write_atomically(args.save_path, bundle.dump(2) + "\n"); !s.ok())
      return bad(s.message());
    if (args.redact) {
      if (auto s = repro::write_atomically(args.save_path + ".redaction.json",
                                           redactor.report().dump(2) + "\n");
          !s.ok())
        return bad(s.message());
    }
    fmt::print("saved: {} (hiresim run {} replays it)\n", args.save_path, args.save_path);
  }
  if (!args.json_path.empty()) {
    json doc = {{"notes", shown_notes},
                {"outcome", outcome_word(shown_run.result.outcome)},
                {"integration", shown_run.outcome.integration},
                {"pending_hires", shown_run.outcome.pending_hires},
                {"emails", shown_run.outcome.emails},
                {"explanation", shown_run.explanation},
                {"decisions", shown_run.explanation.is_object()
                                  ? shown_run.explanation.value("decisions", json::array())
                                  : json::array()},
                {"transcript", shown_run.result.transcript}};
    if (args.redact) {
      doc["redaction"] = redactor.report();
      doc["reproduces"] = differences.empty();
      doc["differences"] = differences;
      doc = redactor.scrub(doc);
    }
    if (auto s = repro::write_atomically(args.json_path, doc.dump(2) + "\n"); !s.ok())
      return bad(s.message());
  }
  if (!args.html_path.empty()) {
    std::string body = "<pre>" + markup_escape(summary(shown_run.outcome)) + "</pre>";
    if (!shown_run.explanation.is_null()) body += explanation_html(shown_run.explanation);
    if (args.redact) body = redactor.scrub_text(body);
    if (auto s = repro::write_atomically(args.html_path, html_page("hiresim repro", body)); !s.ok())
      return bad(s.message());
  }
  if (code == kAllPassed && !differences.empty()) code = kExpectationFailed;
  return code;
}

}  // namespace sim::cli
