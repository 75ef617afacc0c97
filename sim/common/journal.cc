#include "common/journal.h"

#include "common/journal_body.h"

namespace sim {

void Journal::record(JournalEntry entry) {
  std::lock_guard lock(mu_);
  entry.seq = static_cast<int64_t>(entries_.size()) + 1;
  entries_.push_back(std::move(entry));
}

void Journal::record(JournalEntry entry, const WireBodies& bodies) {
  // Masked outside the lock; the setting may change meanwhile, which only
  // decides this one entry.
  if (keeps_bodies()) {
    if (!bodies.request.empty())
      entry.request_body = journal_body(bodies.request, bodies.request_type);
    if (!bodies.response.empty())
      entry.response_body = journal_body(bodies.response, bodies.response_type);
  }
  record(std::move(entry));
}

void Journal::keep_bodies(bool on) { keep_bodies_ = on; }

bool Journal::keeps_bodies() const { return keep_bodies_; }

size_t Journal::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::vector<JournalEntry> Journal::entries() const {
  std::lock_guard lock(mu_);
  return {entries_.begin(), entries_.end()};
}

std::vector<JournalEntry> Journal::entries_since(size_t from) const {
  std::lock_guard lock(mu_);
  if (from >= entries_.size()) return {};
  return {entries_.begin() + static_cast<std::ptrdiff_t>(from), entries_.end()};
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
    nlohmann::json j = {{"seq", e.seq},
                        {"time_ms", e.time_ms},
                        {"method", e.method},
                        {"path", e.path},
                        {"status", e.status}};
    if (!e.query.empty()) j["query"] = e.query;
    if (!e.note.empty()) j["note"] = e.note;
    if (!e.request_body.empty()) j["request_body"] = e.request_body;
    if (!e.response_body.empty()) j["response_body"] = e.response_body;
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
