// CoreHost: runs the real sync core inside a simulation — its HTTP server on
// a loopback port, its SQLite database (in memory unless a file is named), and ports
// wired to the virtual clock and a seeded Random. It can crash the core and
// restart it on the same database (REL-4), and injects the scenario's faults
// into the core's calls to Lever and Justworks, its store, and at its crash
// points.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/http_server.h"
#include "adapters/openssl_crypto.h"
#include "adapters/pooled_http_client.h"
#include "adapters/secrets_key.h"
#include "adapters/sqlite_memory_disk.h"
#include "common/virtual_clock.h"
#include "ports/log.h"
#include "ports/random.h"
#include "ports/store.h"
#include "scenario/faults.h"
#include "scenario/read_log.h"
#include "scenario/server_names.h"
#include "scenario/timed_http_client.h"
#include "sync/core.h"

namespace sim {

// One line of the core's log, stamped with the virtual time it was written
// and its place among the core's calls (RecordOrder).
struct LogLine {
  int64_t order = 0;
  int64_t time_ms = 0;
  std::string text;
};

// Collects the core's log lines for the transcript, the explanation and the
// secrets check.
class CollectingLog final : public hiresync::Log {
 public:
  CollectingLog(const VirtualClock& clock, RecordOrder& order) : clock_(clock), order_(order) {}
  void write(std::string_view line) override;
  std::vector<std::string> lines() const;
  std::vector<LogLine> entries() const;

 private:
  const VirtualClock& clock_;
  RecordOrder& order_;
  mutable std::mutex mu_;
  std::vector<LogLine> lines_;
};

class CoreHost {
 public:
  // `database_file`: the SQLite file (WAL) the core keeps its state in, or ""
  // for an in-memory database: the runner's default, as a scenario needs no
  // file I/O and nothing to clean up. Either outlives crashes.
  // `record_reads`: keep the core's calls and the answers the mapping read,
  // for the explanation (ReadLog); hiresim bench turns it off.
  // `secrets_key`: what the core's store encrypts tokens and signing secrets
  // with (adapters/secret_box.h).
  CoreHost(const VirtualClock& clock, uint64_t seed, hiresync::SecretsKey secrets_key,
           std::string database_file = "", bool record_reads = true);
  ~CoreHost();

  // Binds the server; the core's public URL is known from here on.
  hiresync::Status start(const hiresync::ServerTimeouts& timeouts = hiresync::ServerTimeouts());
  std::string base_url() const { return server_.base_url(); }

  // Completes the configuration (the fakes' URLs, tokens, app credentials)
  // and boots the core. REQUIRES: start() succeeded.
  hiresync::Status boot(hiresync::CoreConfig config);

  // Kills the core as a process crash would: in-memory state is gone, the
  // database stays. Until restart() every route answers 503.
  void crash();
  hiresync::Status restart();
  // False after crash(), and after the core died at an armed crash point.
  bool running() const;

  // The faults armed for the core's outbound calls and crash points.
  FaultPlan& faults() { return faults_; }
  const FaultPlan& faults() const { return faults_; }

  // The running core. REQUIRES: running().
  hiresync::SyncCore& core();
  const CollectingLog& log() const { return log_; }
  const ReadLog& reads() const { return reads_; }
  // Copies the committed in-memory database to the file `path` (--keep),
  // each server's URL written as `names` names it, as in the reports.
  hiresync::Status save_database(const std::string& path, const ServerNames& names) const;

 private:
  const VirtualClock& clock_;
  uint64_t seed_;
  uint64_t boots_ = 0;
  hiresync::SecretsKey secrets_key_;
  std::string database_file_;
  std::unique_ptr<hiresync::SqliteMemoryDisk> disk_;  // when database_file_ is ""
  hiresync::CoreConfig config_;
  hiresync::LoopbackServer server_;
  hiresync::PooledHttpClient transport_;  // the concurrent worker sends at once
  FaultPlan faults_;
  TimedHttpClient timed_transport_{transport_};
  FaultyHttpClient faulty_{timed_transport_, faults_, clock_};
  RecordOrder order_;
  ReadLog reads_;  // over faulty_: what the core calls out with
  hiresync::OpenSslCrypto crypto_;
  CollectingLog log_{clock_, order_};
  std::unique_ptr<hiresync::SeededRandom> random_;
  std::unique_ptr<hiresync::Store> store_;
  std::unique_ptr<hiresync::SyncCore> core_;
  mutable std::mutex mu_;  // guards core_ against the server threads during crash/restart
};

}  // namespace sim
