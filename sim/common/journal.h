// Journal: the record of every request a fake server answered, in order.
// Scenarios assert on it (expect.lever_requests) and reports print it.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim {

struct JournalEntry {
  int64_t seq = 0;      // 1, 2, 3… per server
  int64_t time_ms = 0;  // virtual time
  std::string method;
  std::string path;   // without the query
  std::string query;  // raw, without '?'
  int status = 0;
  std::string note;  // short, secret-free: e.g. the error code returned
  // Only when the journal keeps bodies: secrets masked, at most
  // kJournalBodyMax bytes (common/journal_body.h). "" otherwise. (The `{}`
  // lets the entries built without them skip them without a warning.)
  std::string request_body{};
  std::string response_body{};
};

// A request's and its answer's bodies as they went over the wire, with their
// Content-Types: what Journal::record keeps of them when it keeps bodies.
struct WireBodies {
  std::string_view request;
  std::string_view request_type;
  std::string_view response;
  std::string_view response_type;
};

class Journal {
 public:
  void record(JournalEntry entry);
  // As above, with the bodies masked and cut when this journal keeps them.
  void record(JournalEntry entry, const WireBodies& bodies);
  // Off by default: `hiresim run` and bench would only pay memory for them.
  void keep_bodies(bool on);
  bool keeps_bodies() const;
  std::vector<JournalEntry> entries() const;
  // The entries from index `from` on (a follower's new ones), copied alone.
  std::vector<JournalEntry> entries_since(size_t from) const;
  size_t size() const;
  // Entries whose "METHOD path" matches `pattern` ("GET /v1/resumes*"; '*'
  // matches any run of characters, the method may be '*').
  size_t count_matching(const std::string& pattern) const;
  nlohmann::json to_json() const;
  void clear();

 private:
  mutable std::mutex mu_;
  // A deque, not a vector: a server records every request it answers, and
  // under load a growing vector moved its whole history at each doubling
  // (a quarter of the fake Lever's own work under wrk).
  std::deque<JournalEntry> entries_;
  // Read on every record, outside the lock.
  std::atomic<bool> keep_bodies_{false};
};

// Glob match of `text` against `pattern`, where '*' matches any run.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace sim
