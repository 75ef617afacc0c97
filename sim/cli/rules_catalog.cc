// The conformance rules, read from docs/rules.md as built into the binary:
// the page is the catalogue, so `hiresim rules` and the docs cannot drift.
#include "cli/rules_catalog.h"

#include <sstream>
#include <stdexcept>

#include "embedded/rules.md.h"

namespace sim::cli {

std::vector<Rule> parse_rules_markdown(std::string_view markdown) {
  std::vector<Rule> rules;
  std::istringstream lines{std::string(markdown)};
  for (std::string line; std::getline(lines, line);) {
    constexpr std::string_view kOpen = "- **";
    if (line.rfind(kOpen, 0) != 0) continue;
    const size_t close = line.find("**", kOpen.size());
    if (close == std::string::npos) continue;
    Rule rule{line.substr(kOpen.size(), close - kOpen.size()), ""};
    // The page quotes names as `code`; a terminal shows them plain.
    for (char c : line.substr(close + 2)) {
      if (c != '`') rule.text += c;
    }
    rule.text.erase(0, rule.text.find_first_not_of(' '));
    rules.push_back(std::move(rule));
  }
  return rules;
}

const std::vector<Rule>& rule_catalog() {
  static const std::vector<Rule> rules = [] {
    auto parsed = parse_rules_markdown(kRulesMarkdown);
    // The page is part of the build: a catalogue that parses to nothing is a
    // broken build, caught by the rules test at the latest.
    if (parsed.empty()) throw std::logic_error("docs/rules.md holds no rule bullets");
    return parsed;
  }();
  return rules;
}

}  // namespace sim::cli
