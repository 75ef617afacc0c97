// The conformance rules: ids and texts, as docs/rules.md states them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sim::cli {

struct Rule {
  std::string id;    // e.g. "HIRE-4"
  std::string text;  // one sentence or a few, without markdown quoting
};

// Every rule of docs/rules.md, in the page's order.
const std::vector<Rule>& rule_catalog();

// The rules in a page of that form: each line "- **ID** text" is one rule.
std::vector<Rule> parse_rules_markdown(std::string_view markdown);

}  // namespace sim::cli
