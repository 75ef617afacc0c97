// LeverConnections: what every Lever session of the core shares about the
// connections — the lock that lets one token refresh run at a time (a
// single-use refresh token is spent once), and when Lever last accepted each
// connection's token in this process (REL-7: a revocation is dated no
// earlier).
//
// Threads: any.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "ports/clock.h"

namespace hiresync {

class LeverConnections {
 public:
  explicit LeverConnections(const Clock& clock) : clock_(clock) {}

  // Held for the whole of a token refresh, never for a Data API call.
  std::mutex& refresh_lock() { return refresh_mu_; }

  void note_ok(const std::string& connection_id) {
    std::lock_guard lock(ok_mu_);
    ok_at_ms_[connection_id] = clock_.now_ms();
  }

  std::optional<int64_t> ok_at(const std::string& connection_id) {
    std::lock_guard lock(ok_mu_);
    auto it = ok_at_ms_.find(connection_id);
    if (it == ok_at_ms_.end()) return std::nullopt;
    return it->second;
  }

 private:
  const Clock& clock_;
  std::mutex refresh_mu_;
  std::mutex ok_mu_;
  std::map<std::string, int64_t> ok_at_ms_;  // by connection id
};

}  // namespace hiresync
