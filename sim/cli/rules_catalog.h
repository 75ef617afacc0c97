// The conformance rules (SPEC §3): ids and texts.
#pragma once

#include <string>
#include <vector>

namespace sim::cli {

struct Rule {
  std::string id;    // e.g. "HIRE-4"
  std::string text;
};

const std::vector<Rule>& rule_catalog();

}  // namespace sim::cli
