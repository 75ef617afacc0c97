// Journal: the record of every request a fake server answered, in order.
// Scenarios assert on it (expect.lever_requests) and reports print it.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim {

struct JournalEntry {
  int64_t seq = 0;      // 1, 2, 3… per server
  int64_t time_ms = 0;  // virtual time
  std::string method;
  std::string path;     // without the query
  std::string query;    // raw, without '?'
  int status = 0;
  std::string note;     // short, secret-free: e.g. the error code returned
};

class Journal {
 public:
  void record(JournalEntry entry);
  std::vector<JournalEntry> entries() const;
  size_t size() const;
  // Entries whose "METHOD path" matches `pattern` ("GET /v1/resumes*"; '*'
  // matches any run of characters, the method may be '*').
  size_t count_matching(const std::string& pattern) const;
  nlohmann::json to_json() const;
  void clear();

 private:
  mutable std::mutex mu_;
  std::vector<JournalEntry> entries_;
};

// Glob match of `text` against `pattern`, where '*' matches any run.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace sim
