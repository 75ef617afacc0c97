// The product documents itself: docs/scenarios.md describes every action and
// expectation the runner accepts (and nothing it refuses), docs/rules.md is
// the catalogue `hiresim rules` prints, and no page sends a reader outside
// the repository.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "cli/rules_catalog.h"
#include "scenario/scenario.h"

namespace {

namespace fs = std::filesystem;

std::string read_source_file(const std::string& relative) {
  std::ifstream in(fs::path(HIRESYNC_SOURCE_DIR) / relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The "### `name`" headings of a page.
std::set<std::string> documented_actions(const std::string& page) {
  std::set<std::string> names;
  const std::regex heading(R"(^### `([a-z_.]+)`)", std::regex::multiline);
  for (auto it = std::sregex_iterator(page.begin(), page.end(), heading);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

}  // namespace

TEST_CASE("docs/scenarios.md has a section for every action the runner accepts", "[docs]") {
  const auto documented = documented_actions(read_source_file("docs/scenarios.md"));
  for (std::string_view action : sim::known_actions()) {
    CAPTURE(action);
    CHECK(documented.count(std::string(action)) == 1);
  }
}

TEST_CASE("docs/scenarios.md documents no action the runner refuses", "[docs]") {
  for (const std::string& name : documented_actions(read_source_file("docs/scenarios.md"))) {
    CAPTURE(name);
    CHECK(sim::is_known_action(name));
  }
}

TEST_CASE("docs/rules.md parses to one rule per bullet, each id once", "[docs]") {
  const std::string page = read_source_file("docs/rules.md");
  const auto rules = sim::cli::parse_rules_markdown(page);
  size_t bullets = 0;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) bullets += line.rfind("- **", 0) == 0;
  CHECK(rules.size() == bullets);
  std::set<std::string> ids;
  const std::regex id_form("[A-Z]+-[0-9]+");
  for (const auto& rule : rules) {
    CAPTURE(rule.id);
    CHECK(std::regex_match(rule.id, id_form));
    CHECK(ids.insert(rule.id).second);
    CHECK(!rule.text.empty());
    CHECK(rule.text.find('`') == std::string::npos);
  }
}

TEST_CASE("hiresim rules prints the rules of docs/rules.md as built", "[docs]") {
  // The binary embeds the page at build time; the page in the tree is the same.
  const auto on_disk = sim::cli::parse_rules_markdown(read_source_file("docs/rules.md"));
  const auto& built = sim::cli::rule_catalog();
  REQUIRE(on_disk.size() == built.size());
  for (size_t i = 0; i < built.size(); ++i) {
    CHECK(on_disk[i].id == built[i].id);
    CHECK(on_disk[i].text == built[i].text);
  }
}

TEST_CASE("the README and docs/ link only inside the repository", "[docs]") {
  std::vector<std::string> pages = {"README.md"};
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(HIRESYNC_SOURCE_DIR) / "docs")) {
    if (entry.path().extension() == ".md")
      pages.push_back(fs::relative(entry.path(), HIRESYNC_SOURCE_DIR).string());
  }
  for (const auto& page : pages) {
    CAPTURE(page);
    const std::string text = read_source_file(page);
    CHECK(text.find("../shared") == std::string::npos);
    CHECK(text.find("shared/SPEC") == std::string::npos);
    CHECK(text.find("shared/reference") == std::string::npos);
  }
}
