#include "scenario/json_match.h"

#include <limits>

#include <fmt/format.h>

namespace sim {
namespace {

using nlohmann::json;

std::string show(const json& v) {
  std::string s = v.dump();
  if (s.size() > 200) s = s.substr(0, 197) + "...";
  return s;
}

bool scalars_equal(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
    if (a.is_number_unsigned() && b.is_number_unsigned()) return a == b;
    return a.get<int64_t>() == b.get<int64_t>();
  }
  return a == b;
}

bool is_collection_form(const json& expected) {
  if (expected.is_array()) return true;
  if (!expected.is_object() || expected.size() != 1) return false;
  return expected.contains("count") || expected.contains("contains");
}

// Maximum bipartite matching (Kuhn): can every expected element take a
// distinct actual element it matches?
bool augment(size_t i, const std::vector<std::vector<bool>>& ok, std::vector<int>& owner,
             std::vector<bool>& seen) {
  for (size_t j = 0; j < owner.size(); ++j) {
    if (!ok[i][j] || seen[j]) continue;
    seen[j] = true;
    if (owner[j] < 0 || augment(static_cast<size_t>(owner[j]), ok, owner, seen)) {
      owner[j] = static_cast<int>(i);
      return true;
    }
  }
  return false;
}

std::optional<Mismatch> match_elements(const json& wanted, const json& actual,
                                       const std::string& path) {
  const size_t n = wanted.size(), m = actual.size();
  std::vector<std::vector<bool>> ok(n, std::vector<bool>(m));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < m; ++j) ok[i][j] = subset_mismatches(wanted[i], actual[j], "").empty();

  std::vector<int> owner(m, -1);
  for (size_t i = 0; i < n; ++i) {
    std::vector<bool> seen(m);
    if (augment(i, ok, owner, seen)) continue;
    // Explain with the closest record: the one with the fewest differences.
    size_t best = m, best_count = std::numeric_limits<size_t>::max();
    std::vector<Mismatch> best_diff;
    for (size_t j = 0; j < m; ++j) {
      auto diff = subset_mismatches(wanted[i], actual[j], fmt::format("{}[{}]", path, j));
      if (!diff.empty() && diff.size() < best_count) {
        best = j;
        best_count = diff.size();
        best_diff = std::move(diff);
      }
    }
    if (best == m) {
      return Mismatch{fmt::format("{}[?]", path), show(wanted[i]), "(no record left)",
                      fmt::format("expected element {} matches a record that another expected "
                                  "element already took",
                                  i)};
    }
    Mismatch first = best_diff.front();
    first.detail =
        fmt::format("no record matches expected element {}; the closest is {}[{}]", i, path, best);
    return first;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Mismatch> subset_mismatches(const json& expected, const json& actual,
                                        const std::string& path) {
  std::vector<Mismatch> out;
  if (expected.is_null()) {
    if (!actual.is_null()) out.push_back({path, "null", show(actual), ""});
    return out;
  }
  if (is_collection_form(expected) && (actual.is_array() || expected.is_array())) {
    if (auto m = match_collection(expected, actual, path)) out.push_back(*m);
    return out;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) {
      out.push_back({path, show(expected), show(actual), "expected an object"});
      return out;
    }
    for (const auto& [key, value] : expected.items()) {
      const std::string child = path + "/" + key;
      auto it = actual.find(key);
      if (it == actual.end()) {
        if (!value.is_null()) out.push_back({child, show(value), "(absent)", ""});
        continue;
      }
      auto inner = subset_mismatches(value, *it, child);
      out.insert(out.end(), inner.begin(), inner.end());
    }
    return out;
  }
  if (!scalars_equal(expected, actual)) out.push_back({path, show(expected), show(actual), ""});
  return out;
}

std::optional<Mismatch> match_collection(const json& expected, const json& actual,
                                         const std::string& path) {
  if (!actual.is_array()) return Mismatch{path, show(expected), show(actual), "expected a list"};
  if (expected.is_object() && expected.contains("count")) {
    if (!scalars_equal(expected["count"], json(actual.size())))
      return Mismatch{path, fmt::format("{} records", show(expected["count"])),
                      fmt::format("{} records", actual.size()), ""};
    return std::nullopt;
  }
  if (expected.is_object() && expected.contains("contains")) {
    const json& wanted = expected["contains"];
    if (!wanted.is_array())
      return Mismatch{path, show(expected), show(actual), "\"contains\" takes an array"};
    return match_elements(wanted, actual, path);
  }
  if (!expected.is_array())
    return Mismatch{path, show(expected), show(actual),
                    "expected an array, {\"count\": n} or {\"contains\": [...]}"};
  if (expected.size() != actual.size())
    return Mismatch{path, fmt::format("{} records", expected.size()),
                    fmt::format("{} records", actual.size()),
                    fmt::format("actual: {}", show(actual))};
  return match_elements(expected, actual, path);
}

}  // namespace sim
