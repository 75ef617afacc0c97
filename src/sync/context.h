// CoreContext: what the parts of SyncCore share — its configuration, its
// ports, and the locks that make them safe from several threads — plus the
// few state changes more than one part makes (revocation, retiring a
// connection). Internal to src/sync/.
#pragma once

#include <atomic>
#include <fmt/format.h>

#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sync/core.h"

namespace hiresync {

// Log lines from HTTP threads and the worker, one at a time.
class SerializedLog final : public Log {
 public:
  explicit SerializedLog(Log& inner) : inner_(inner) {}
  // Control characters are escaped (\n, \x1b...): a newline in an event
  // name or an error text from outside must not forge a log line of its own.
  void write(std::string_view line) override {
    std::string escaped;
    escaped.reserve(line.size());
    for (const char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\n') escaped += "\\n";
      else if (c == '\r') escaped += "\\r";
      else if (c == '\t') escaped += "\\t";
      else if (u < 0x20 || u == 0x7f) escaped += fmt::format("\\x{:02x}", u);
      else escaped += c;
    }
    std::lock_guard lock(mu_);
    inner_.write(escaped);
  }

 private:
  Log& inner_;
  std::mutex mu_;
};

// The Random port, one draw at a time.
class SerializedRandom final : public Random {
 public:
  explicit SerializedRandom(Random& inner) : inner_(inner) {}
  uint64_t next_u64() override {
    std::lock_guard lock(mu_);
    return inner_.next_u64();
  }

 private:
  Random& inner_;
  std::mutex mu_;
};

struct CoreContext {
  CoreContext(CoreConfig config, CorePorts ports);

  CoreConfig config;
  const Clock& clock;
  HttpClient& http;
  Store& store;
  Crypto& crypto;
  SerializedLog log;
  SerializedRandom random;

  // Guards every Store call. Held only for store work, never across HTTP.
  std::mutex store_mu;
  // Serializes token refreshes: a single-use refresh token is spent once.
  std::mutex lever_mu;

  std::function<bool(std::string_view)> fault_hook;
  std::mutex lever_ok_mu;
  std::map<std::string, int64_t> lever_ok_at_ms;  // by connection id
  std::atomic<bool> dead{false};

  // REL-7: the last time Lever accepted a connection's token in this process
  // (a revocation is dated no earlier), and whether reconciliation's stored
  // state changed behind the Reconciler's cache.
  void note_lever_ok(const std::string& connection_id);
  std::optional<int64_t> lever_ok_at(const std::string& connection_id);
  std::atomic<bool> reconciliation_changed{true};
  // Companies whose connected period this process opened: its start owes
  // them nothing (the core was up throughout). Guarded by store_mu.
  std::set<std::string> periods_opened_here;

  // True when the fault hook stops the core at `point`; it stays dead.
  bool crash_at(std::string_view point);

  std::string redirect_uri() const;
  std::string webhook_url(const std::string& connection_id) const;
  std::string webhook_url_prefix() const;
  std::string audience() const;
  // The core's Justworks token for `company`; nullopt for a company it does not serve.
  std::optional<std::string> justworks_token(const std::string& company) const;

  // REVOKE-2: Lever refused the connection's credentials. If it is still the
  // company's current connection: status disconnected with `reason`, tokens
  // forgotten (the signature token stays, so later deliveries are verified
  // and ignored). Takes store_mu.
  void mark_revoked(const std::string& connection_id, const std::string& reason);
};

// Forgets every secret of a connection that is no longer used.
void wipe_secrets(Connection& connection);

// {"error": {"code", "message"}}.
ApiReply error_reply(int status, std::string_view code, std::string_view message);
// For every route: the core is down (crashed).
ApiReply down_reply();

}  // namespace hiresync
