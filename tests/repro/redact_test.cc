// Redaction keeps what the mapping depends on and nothing of the original.
#include <catch2/catch.hpp>

#include "repro/redact.h"

using nlohmann::json;
using sim::repro::Redactor;

namespace {

// A world holding `name` as an opportunity's name and `email` as its address.
json scenario_with(const std::string& name, const std::string& email) {
  return {
      {"name", "t"},
      {"world",
       {{"lever",
         {{"opportunities", json::array({{{"id", "o1"}, {"name", name}, {"emails", {email}}}})}}},
        {"justworks", json::object()}}},
      {"steps", json::array()}};
}

size_t tokens(const std::string& s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

bool has_non_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a redacted name keeps its tokens, spacing, apostrophes, hyphens and non-ASCII letters") {
  const std::string name = GENERATE(as<std::string>{}, "  Zoë   Ångström ", "Seán O'Brien-Walsh",
                                    "李小龙", "Kai", "jane\tdoe");
  CAPTURE(name);
  Redactor r("fixed test key");
  const std::string out = r.redact_scenario(
      scenario_with(name, "x@y.example"))["world"]["lever"]["opportunities"][0]["name"];
  CHECK(out != name);
  CHECK(tokens(out) == tokens(name));
  CHECK(has_non_ascii(out) == has_non_ascii(name));
  for (size_t i = 0; i < name.size() && i < out.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == '\'' || c == '-') CHECK(out[i] == c);
  }
}

TEST_CASE("a redacted email is still an email, and the same value maps the same way") {
  Redactor r("fixed test key");
  const json doc = r.redact_scenario(scenario_with("Jane Doe", "Jane.Doe@Acme.example"));
  const std::string email = doc["world"]["lever"]["opportunities"][0]["emails"][0];
  CHECK(email.find("Jane") == std::string::npos);
  CHECK(email.find("Acme") == std::string::npos);
  CHECK(email.find('@') != std::string::npos);
  CHECK(email.size() == std::string("Jane.Doe@Acme.example").size());
  // "Jane" in the name and in the address share a pseudonym, so text about
  // one can be scrubbed consistently with the other.
  const std::string name = doc["world"]["lever"]["opportunities"][0]["name"];
  CHECK(email.substr(0, 4) == name.substr(0, 4));
  CHECK(r.scrub_text("hired Jane Doe") == "hired " + name);
  // Another key, another pseudonym: nothing to look up without the key.
  Redactor other("another key");
  CHECK(other.redact_scenario(scenario_with(
            "Jane Doe", "x@y.example"))["world"]["lever"]["opportunities"][0]["name"] != name);
}

TEST_CASE("compensation keeps its digit count, type and sign; currency and interval stay") {
  const json offer = {
      {"id", "f"},
      {"status", "signed"},
      {"fields",
       json::array(
           {{{"text", "Amount"}, {"identifier", "salary_amount"}, {"value", 187345}},
            {{"text", "Hourly"}, {"identifier", "bonus"}, {"value", 31.75}},
            {{"text", "Zero"}, {"identifier", "signing_bonus"}, {"value", 0}},
            {{"text", "Currency"}, {"identifier", "compensation_currency"}, {"value", "USD"}},
            {{"text", "Interval"},
             {"identifier", "salary_interval"},
             {"value", "per-year-salary"}}})}};
  json doc = {
      {"name", "t"},
      {"world", {{"lever", {{"offers", {{"o1", {offer}}}}}}, {"justworks", json::object()}}},
      {"steps", json::array()}};
  Redactor r("fixed test key");
  const json fields = r.redact_scenario(doc)["world"]["lever"]["offers"]["o1"][0]["fields"];
  CHECK(fields[0]["value"].is_number_integer());
  CHECK(fields[0]["value"] != 187345);
  CHECK(std::to_string(fields[0]["value"].get<int64_t>()).size() == 6);
  CHECK(fields[1]["value"].is_number_float());
  CHECK(fields[1]["value"].get<double>() >= 10);
  CHECK(fields[1]["value"].get<double>() < 100);
  CHECK(fields[2]["value"] == 0);
  CHECK(fields[3]["value"] == "USD");
  CHECK(fields[4]["value"] == "per-year-salary");
}

TEST_CASE("the redaction report names kinds and paths, never values") {
  Redactor r("fixed test key");
  r.redact_scenario(scenario_with("Jane Doe", "jane@acme.example"));
  const std::string report = r.report().dump();
  CHECK(report.find("/world/lever/opportunities/0/name") != std::string::npos);
  CHECK(report.find("\"email\"") != std::string::npos);
  CHECK(report.find("Jane") == std::string::npos);
  CHECK(report.find("acme") == std::string::npos);
}
