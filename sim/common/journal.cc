#include "common/journal.h"

namespace sim {

void Journal::record(JournalEntry entry) {
  std::lock_guard lock(mu_);
  entry.seq = static_cast<int64_t>(entries_.size()) + 1;
  entries_.push_back(std::move(entry));
}

size_t Journal::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::vector<JournalEntry> Journal::entries() const {
  std::lock_guard lock(mu_);
  return entries_;
}

size_t Journal::count_matching(const std::string& pattern) const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& e : entries_) {
    if (glob_match(pattern, e.method + " " + e.path)) ++n;
  }
  return n;
}

nlohmann::json Journal::to_json() const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries_) {
    nlohmann::json j = {{"seq", e.seq}, {"time_ms", e.time_ms}, {"method", e.method},
                        {"path", e.path}, {"status", e.status}};
    if (!e.query.empty()) j["query"] = e.query;
    if (!e.note.empty()) j["note"] = e.note;
    out.push_back(std::move(j));
  }
  return out;
}

void Journal::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with single-star backtracking: linear in practice.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace sim
