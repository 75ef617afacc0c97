// ReadLog: every call the core made to Lever and Justworks, as the core saw
// it (faults included), in one order shared with the core's log lines — so
// the explanation of a run (sim/explain/) can tell what the core did in
// what order — plus the bodies of the reads its mapping depends on (Lever's
// opportunity, offers, posting and users; Justworks' members, departments and
// offices), so it can name the Lever JSON path of each field. A decorator
// over the core's outbound client, outermost. No body of any other call is
// kept, so no token (OAuth answers) is ever stored here (TOKEN-2).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "ports/clock.h"
#include "ports/http_client.h"

namespace sim {

// The order things happened in one world: the core's calls and its log lines
// draw from one counter, so they sort together exactly.
class RecordOrder {
 public:
  int64_t next() { return next_++; }

 private:
  std::atomic<int64_t> next_{0};
};

struct RecordedCall {
  int64_t order = 0;
  int64_t time_ms = 0;
  std::string target;  // "lever" | "justworks"
  std::string method;
  std::string path;   // without the query
  std::string query;  // raw, without '?'
  int status = 0;     // 0: no answer (timeout, reset, refused)
  std::string body;   // only for the mapping's reads, when answered 200
};

class ReadLog final : public hiresync::HttpClient {
 public:
  // `enabled` false: a plain pass-through (hiresim bench keeps nothing).
  ReadLog(hiresync::HttpClient& inner, const hiresync::Clock& clock, RecordOrder& order,
          bool enabled);
  void set_target(const std::string& base_url, const std::string& target);
  hiresync::Result<hiresync::HttpResponse> send(const std::string& base_url,
                                                const hiresync::HttpRequest& request) override;
  std::vector<RecordedCall> calls() const;

 private:
  hiresync::HttpClient& inner_;
  const hiresync::Clock& clock_;
  RecordOrder& order_;
  const bool enabled_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> targets_;  // base URL → target
  std::vector<RecordedCall> calls_;
};

}  // namespace sim
