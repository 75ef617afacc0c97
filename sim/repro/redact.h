// Redaction for bundles that leave the customer: people's names, emails,
// phones, addresses, links, free text, the company's name and compensation
// amounts replaced by stable pseudonyms that keep what the mapping depends on
// (token counts, non-ASCII letters, apostrophes and hyphens, odd whitespace,
// an email's shape, number formats), before anything is written.
//
// A pseudonym is a keyed hash (HMAC-SHA256) of the original under a random
// key drawn for each bundle and never written: the same value maps to the
// same pseudonym within the bundle, and cannot be found again by guessing
// originals and hashing them. Text is replaced run by run (a run: letters
// and digits between separators), case-insensitively and keeping each
// character's case and class, so "Zoë Ångström" and "zoë@x.se" share the
// pseudonyms of "Zoë" and "zoë", and a name's first token stays the first
// name's pseudonym.
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace sim::repro {

class Redactor {
 public:
  Redactor();                          // a fresh random key
  explicit Redactor(std::string key);  // a fixed key: tests only

  // A scenario document (name, world, steps, …): the world field by field
  // (ids, enums, titles, departments, offices, dates, currency and interval
  // kept; anything else that is text replaced), then every other string
  // scrubbed of what the world's redaction replaced.
  nlohmann::json redact_scenario(const nlohmann::json& doc);

  // Any other text about the same data (steps, import notes, reports): a value
  // the world's redaction replaced becomes the same replacement, and each word
  // of a name, email, phone or address it replaced is replaced the same way.
  std::string scrub_text(const std::string& text) const;
  nlohmann::json scrub(const nlohmann::json& value) const;

  // What was replaced, never the values: [{"kind", "path"}] with JSON
  // pointers into the redacted document, and a count by kind.
  nlohmann::json report() const;

 private:
  enum class Rule { kKeep, kText, kLink, kAmount };
  std::string pseudonym_run(const std::string& run);
  static std::string with_case_of(const std::string& run, const std::string& pseudonym);
  std::string text(const std::string& value, const std::string& path, const std::string& kind);
  nlohmann::json amount(const nlohmann::json& value, const std::string& path);
  std::string identifier(const std::string& value, const std::string& path);
  nlohmann::json apply(const nlohmann::json& value, Rule rule, const std::string& path,
                       const std::string& kind);
  void keep(const nlohmann::json& value);
  nlohmann::json redact_object(const nlohmann::json& obj, const std::string& path,
                               const std::set<std::string>& kept);
  nlohmann::json redact_lever(const nlohmann::json& lever, const std::string& path);
  nlohmann::json redact_offer(const nlohmann::json& offer, const std::string& path);
  nlohmann::json redact_justworks(const nlohmann::json& side, const std::string& path);

  std::string key_;
  std::map<std::string, std::string> runs_;     // lowercased original run → pseudonym
  std::set<std::string> kept_runs_;             // runs of values kept verbatim
  std::set<std::string> scrubbed_runs_;         // runs of names, emails, phones, addresses
  std::map<std::string, std::string> values_;   // a replaced value → its replacement
  std::map<std::string, std::string> amounts_;  // an amount's digits → its pseudonym's
  nlohmann::json entries_ = nlohmann::json::array();
};

}  // namespace sim::repro
