// Subset matching of expected JSON against actual JSON, as scenarios use it:
// an expected object matches when each of its keys matches (null = absent or
// null); an expected array means "exactly these, in any order"; numbers
// compare by value. A mismatch says where (a JSON path) and what differs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim {

struct Mismatch {
  std::string path;  // e.g. "/pending_hires[0]/first_name"
  std::string expected;
  std::string actual;
  std::string detail;  // extra explanation, may be empty
};

// Every mismatch of `expected` within `actual`; empty when it matches.
std::vector<Mismatch> subset_mismatches(const nlohmann::json& expected,
                                        const nlohmann::json& actual, const std::string& path);

// The collection forms of SPEC §6 against `actual` (an array):
//   [..]              exactly that many, each a subset match, order-free;
//   {"count": n}      n records, whatever they hold;
//   {"contains": [..]} each listed one matches a distinct record.
// Returns the first mismatch, naming the closest record when none fits.
std::optional<Mismatch> match_collection(const nlohmann::json& expected,
                                         const nlohmann::json& actual, const std::string& path);

}  // namespace sim
