// Worker: runs due hires in (due, id) order. A hire's pipeline reads
// top-down — read Lever → read Justworks → already created? → map → save
// intent → create → notify — and persists each step's result before the next, so a rerun after a
// crash resumes where it stopped and never creates or sends twice (REL-3,
// REL-4, MAIL-4). The worker performs I/O only: the mapping decides what to
// read and what to write, justworks/ writes Justworks' JSON, the outbox sends.
//
// Concurrency (issue 20): run_due() runs the due hires on `workers` threads.
// Each hire is claimed by exactly one (sync/hire_claims.h), two hires of one
// person never read and create at the same moment (sync/person_locks.h), a
// token refresh runs once for all (sync/lever_connections.h), and each
// thread reads through its own batch. With one worker — the default — hires
// run one at a time in (due, id) order and a scenario replays byte for byte.
//
// Threads: run_due() from one thread at a time (the runner's); it holds no
// lock across HTTP calls, so the receiver keeps answering meanwhile. The
// HttpClient port must take concurrent sends when workers > 1.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "justworks/client.h"
#include "mapping/hire_reads.h"
#include "mapping/map_hire.h"
#include "ports/clock.h"
#include "ports/crash_points.h"
#include "ports/guarded_store.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "ports/random.h"
#include "sync/hire_claims.h"
#include "sync/lever_session.h"
#include "sync/outbox.h"
#include "sync/person_locks.h"
#include "sync/revocation.h"
#include "sync/settings.h"
#include "sync/worker_pool.h"

namespace hiresync {

class Worker {
 public:
  struct Ports {
    const CoreSettings& settings;  // the Justworks URL and tokens
    const Clock& clock;
    Random& random;       // backoff jitter
    HttpClient& http;     // Justworks
    GuardedStore& store;  // the hire, its outbox
    Log& log;
    CrashPoints& crash;
    const LeverPorts& lever;  // a session per hire
    Revocation& revocation;   // REVOKE-2, when Lever refuses the credentials
  };
  // `workers` ≥ 1 threads run the due hires.
  Worker(const Ports& ports, int workers);

  int run_due();
  std::optional<int64_t> next_due_ms();

 private:
  // Why one run of a hire stopped before done.
  struct Stop {
    enum class Kind {
      kRateLimited,  // Lever 429: try again after `retry_after_ms`, no attempt counted
      kTransient,    // 5xx, transport, the store, a crash point: back off, count an attempt
      kRevoked,      // Lever refused the credentials: disconnect, fail, no retry
      kFailed,       // nothing a retry would change
    };
    Kind kind;
    std::string reason;
    int64_t retry_after_ms = 0;
  };
  using Step = std::optional<Stop>;  // nullopt: carry on

  // The Justworks lists one run_due() reads once per company: "at that
  // moment" (MAIL-1) is the batch's moment, as nothing else runs meanwhile.
  struct Directory {
    justworks::Directory lists;
    std::vector<justworks::Member> notifiable_admins;
  };
  // What one run_due() reads once and shares among its hires, for the same
  // reason. Most hires of a batch share a posting and a manager; reading
  // them once per batch saves three of a hire's ten calls. Lever reads are
  // keyed by connection and id; a 404/403 is kept as nullopt, a failure not.
  struct Batch {
    std::map<std::string, Directory> directories;  // by company
    std::map<std::string, std::optional<lever::Posting>> postings;
    std::map<std::string, std::optional<lever::User>> users;
  };
  // What one hire's run talks through.
  struct Run {
    LeverSession lever;
    justworks::Client jw;
    Batch& batch;
  };

  // One worker's share of a round: claimed hires until none is left.
  void work(Batch& batch);
  void run_one(Hire hire, Batch& batch);
  Step run_pipeline(Hire& hire, Run& run);

  // The steps, in order.
  Step read_lever(Run& run, const Hire& hire, HireInputs& inputs, mapping::HireReads& reads);
  Step read_justworks(Run& run, const Hire& hire, const mapping::HireReads& reads,
                      HireInputs& inputs);
  bool resends_synced_hire(const Hire& hire, const lever::Opportunity& opportunity) const;
  Step record_resend(Hire& hire);
  void start_again(Hire& hire);
  Step record_still_pending(Hire& hire, const std::string& pending_hire_id);
  Step save_intent(Hire& hire, const PendingHireDraft& draft);
  Step create(Run& run, Hire& hire, std::vector<OutboxEmail>& outbox);
  Step load_outbox(const Hire& hire, std::vector<OutboxEmail>& outbox);
  Step notify(Run& run, Hire& hire, std::vector<OutboxEmail>& outbox);

  // What the steps read and how they stop.
  Step read_directory(Run& run, const std::string& company);
  Result<std::vector<justworks::ExistingPendingHire>> related_pending_hires(
      justworks::Client& jw, const Hire& hire, const lever::Opportunity& opportunity,
      const std::optional<std::string>& home_email);
  Step crash_point(std::string_view point);
  Step from_lever(const Status& status, const LeverSession& lever) const;
  Step from_justworks(const Status& status) const;
  Step from_store(const Status& status) const;
  void finish(Hire& hire, const Stop* stop, const std::string& connection_id);
  Status save(Hire& hire);
  Status commit(const Hire& hire, const std::vector<const OutboxEmail*>& rows);

  Ports ports_;
  Outbox outbox_;
  HireClaims claims_;
  PersonLocks persons_;
  WorkerPool pool_;
};

}  // namespace hiresync
