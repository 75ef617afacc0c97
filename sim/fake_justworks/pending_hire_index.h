// PendingHireIndex: where each pending hire sits in its company's list, by
// id and by the three fields GET /internal/v1/pending_hires filters on. The core asks
// "is this person already pending?" for every hire it delivers, so without
// an index each question scans every hire the company ever received, and the
// fake — not the core — bounds the bench's throughput.
//
// The index holds positions into Company's vector, not pointers: the vector
// reallocates as it grows and a Company is copied when it is loaded. Only
// Company updates it (see records.h), at the two places a hire's fields are
// written: when it is created and when Review & Invite changes them.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sim::justworks {

class PendingHireIndex {
 public:
  // Positions in the company's list, ascending: creation order.
  using Positions = std::vector<size_t>;

  // Records the hire created at `position`, the highest so far.
  void add(size_t position, const std::string& id, const nlohmann::json& fields);
  // Moves the hire at `position` from the keys of `before` to those of `after`.
  void update(size_t position, const nlohmann::json& before, const nlohmann::json& after);

  std::optional<size_t> position_of(std::string_view id) const;
  // Each answers the hires whose field is a string equal to `value`
  // (home_email compared ASCII case-insensitively, as iequals does).
  std::span<const size_t> with_opportunity(std::string_view value) const;
  std::span<const size_t> with_contact(std::string_view value) const;
  std::span<const size_t> with_home_email(std::string_view value) const;

 private:
  // Hashes std::string and std::string_view alike, so a lookup needs no copy.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using ByText = std::unordered_map<std::string, Positions, TextHash, std::equal_to<>>;

  // One filtered field: its JSON key, its map, and how a value becomes a key.
  struct Field {
    const char* key;
    ByText PendingHireIndex::*map;
    bool fold_case;
  };
  static const Field kFields[3];

  static std::optional<std::string> key_of(const Field& field, const nlohmann::json& fields);
  static std::span<const size_t> find(const ByText& map, std::string_view key);

  std::unordered_map<std::string, size_t, TextHash, std::equal_to<>> by_id_;
  ByText by_opportunity_;
  ByText by_contact_;
  ByText by_home_email_;  // keys lower-cased
};

}  // namespace sim::justworks
