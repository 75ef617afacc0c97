// Worker: runs due hires, one at a time, in (due, id) order. A hire's pipeline
// reads top-down — fetch → map → create → notify — and persists each step's
// result before the next, so a rerun after a crash resumes where it stopped
// and never creates or sends twice (REL-3, REL-4, MAIL-4).
//
// Threads: run_due() from one thread at a time (the runner's); it holds no
// lock across HTTP calls, so the receiver keeps answering meanwhile.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "justworks/client.h"
#include "mapping/map_hire.h"
#include "sync/context.h"
#include "sync/lever_session.h"

namespace hiresync {

class Worker {
 public:
  explicit Worker(CoreContext& ctx);

  int run_due();
  std::optional<int64_t> next_due_ms();

 private:
  // Why one run of a hire stopped before done.
  struct Stop {
    enum class Kind {
      kRateLimited,  // Lever 429: try again after `retry_after_ms`, no attempt counted
      kTransient,    // 5xx or transport: back off, count an attempt
      kRevoked,      // Lever refused the credentials: disconnect, fail, no retry
      kFailed,       // nothing a retry would change
      kCrashed,      // the fault hook stopped the core: write nothing more
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

  void run_one(Hire hire, Batch& batch);
  Step run_pipeline(Hire& hire, const std::string& connection_id,
                    Batch& batch);

  // The steps, in order.
  Step fetch(LeverSession& lever, justworks::Client& jw, const Hire& hire,
             Batch& batch, HireInputs& inputs);
  Result<std::vector<justworks::ExistingPendingHire>> related_pending_hires(
      justworks::Client& jw, const Hire& hire, const lever::Opportunity& opportunity);
  Step save_intent(Hire& hire, const HireInputs& inputs);
  Step create_pending_hire(Hire& hire, justworks::Client& jw, const Directory& directory,
                           std::vector<OutboxEmail>& rows);
  Step send_outbox(Hire& hire, justworks::Client& jw,
                   std::optional<std::vector<OutboxEmail>> known);
  std::vector<OutboxEmail> outbox_for(const Hire& hire, const Directory& directory) const;

  Step load_directory(justworks::Client& jw, const std::string& company,
                      Batch& batch);
  Step from_lever(const Status& status, const LeverSession& lever) const;
  Step from_justworks(const Status& status) const;
  void finish(Hire& hire, const Stop* stop, const std::string& connection_id);
  Status save(Hire& hire);

  CoreContext& ctx_;
};

}  // namespace hiresync
