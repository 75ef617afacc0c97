// Pending-hire lookups by id and filter field (see pending_hire_index.h).
#include "fake_justworks/pending_hire_index.h"

#include <algorithm>

#include "fake_justworks/text_util.h"

namespace sim::justworks {

const PendingHireIndex::Field PendingHireIndex::kFields[3] = {
    {"lever_opportunity_id", &PendingHireIndex::by_opportunity_, false},
    {"lever_contact_id", &PendingHireIndex::by_contact_, false},
    {"home_email", &PendingHireIndex::by_home_email_, true},
};

// Only strings are indexed: the list's filters never match a null field.
std::optional<std::string> PendingHireIndex::key_of(const Field& field,
                                                    const nlohmann::json& fields) {
  const auto it = fields.find(field.key);
  if (it == fields.end() || !it->is_string()) return std::nullopt;
  const auto& text = it->get_ref<const std::string&>();
  return field.fold_case ? to_lower_ascii(text) : text;
}

std::span<const size_t> PendingHireIndex::find(const ByText& map, std::string_view key) {
  const auto it = map.find(key);
  if (it == map.end()) return {};
  return it->second;
}

void PendingHireIndex::add(size_t position, const std::string& id, const nlohmann::json& fields) {
  by_id_.emplace(id, position);
  for (const Field& field : kFields) {
    // Appending keeps each list ascending: `position` is the newest hire.
    if (auto key = key_of(field, fields)) (this->*field.map)[*key].push_back(position);
  }
}

void PendingHireIndex::update(size_t position, const nlohmann::json& before,
                              const nlohmann::json& after) {
  for (const Field& field : kFields) {
    const auto old_key = key_of(field, before);
    const auto new_key = key_of(field, after);
    if (old_key == new_key) continue;
    ByText& map = this->*field.map;
    if (old_key) {
      auto it = map.find(*old_key);
      if (it != map.end()) {
        std::erase(it->second, position);
        // Drop emptied keys, or edits would leave the map growing forever.
        if (it->second.empty()) map.erase(it);
      }
    }
    if (new_key) {
      // An older hire can take a key newer ones already hold: insert in order.
      Positions& positions = map[*new_key];
      positions.insert(std::lower_bound(positions.begin(), positions.end(), position), position);
    }
  }
}

std::optional<size_t> PendingHireIndex::position_of(std::string_view id) const {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::span<const size_t> PendingHireIndex::with_opportunity(std::string_view value) const {
  return find(by_opportunity_, value);
}

std::span<const size_t> PendingHireIndex::with_contact(std::string_view value) const {
  return find(by_contact_, value);
}

std::span<const size_t> PendingHireIndex::with_home_email(std::string_view value) const {
  return find(by_home_email_, to_lower_ascii(value));
}

}  // namespace sim::justworks
