// LeverConnections: what every Lever session of the core shares about the
// connections — the lock that lets one token refresh run at a time (a
// single-use refresh token is spent once), a rotated pair the store could not
// take yet, and when Lever last accepted each connection's token in this
// process (REL-7: a revocation is dated no earlier).
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

  // A pair Lever rotated `spent` into while the store was failing. Lever has
  // spent `spent`: presenting it again would be refused (or, with Auth0-style
  // rotation, revoke the whole family), so the next refresh stores this pair
  // instead. Only this process knows it: a crash loses it, as a crash right
  // after the refresh does. Use these only while holding refresh_lock().
  struct UnstoredPair {
    std::string spent;
    std::string access_token;
    std::string refresh_token;
    int64_t access_expires_at_ms = 0;
  };
  void hold_unstored(const std::string& connection_id, UnstoredPair pair) {
    unstored_[connection_id] = std::move(pair);
  }
  // The pair held for `connection_id` if it rotated `spent`.
  std::optional<UnstoredPair> unstored(const std::string& connection_id,
                                       const std::string& spent) const {
    auto it = unstored_.find(connection_id);
    if (it == unstored_.end() || it->second.spent != spent) return std::nullopt;
    return it->second;
  }
  void forget_unstored(const std::string& connection_id) { unstored_.erase(connection_id); }

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
  std::map<std::string, UnstoredPair> unstored_;  // by connection id; under refresh_mu_
  std::mutex ok_mu_;
  std::map<std::string, int64_t> ok_at_ms_;  // by connection id
};

}  // namespace hiresync
