// Outbox: the emails a new pending hire owes the company's admins (MAIL-1..4).
// The rows are fixed when the pending hire is created — one per admin holding
// Manage employees at that moment — and stored in the same commit; sending
// then works through the stored rows, each with its own Idempotency-Key, so a
// resend after a crash is answered with the email Justworks already sent.
//
// Threads: one Outbox per core; send() from the worker's thread.
#pragma once

#include <string>
#include <vector>

#include "justworks/client.h"
#include "ports/crash_points.h"
#include "ports/store.h"

namespace hiresync {

// MAIL-1: who is told about a new pending hire: the admins who hold Manage employees.
std::vector<justworks::Member> notifiable_admins(const std::vector<justworks::Member>& members);

// One row per admin (deduplicated by address) for `hire`, which has its
// pending hire id, review URL and idempotency key. Pure.
std::vector<OutboxEmail> compose_outbox(const Hire& hire,
                                        const std::vector<justworks::Member>& admins);

// Of a hire's stored rows, those of its current pending hire: after a rehire
// (HIRE-5) the hire's outbox also holds the emails of its earlier ones.
std::vector<OutboxEmail> rows_of_current(const Hire& hire, std::vector<OutboxEmail> stored);

// An Idempotency-Key is 1–255 printable characters (docs/justworks-api.md).
std::string printable_key(std::string key);

// What one send() did.
struct OutboxSent {
  std::vector<const OutboxEmail*> changed;  // rows now sent or rejected, to store
  int sent_count = 0;                       // rows sent, before or now
  Status stopped;  // why sending stopped early (the rest stay pending); OK when it finished
};

class Outbox {
 public:
  explicit Outbox(CrashPoints& crash) : crash_(crash) {}

  // Sends each pending row in order (crash point "before_email" before each);
  // the rows it changes are stamped `now_ms`.
  // A transient Justworks failure stops the sending; a refusal for good (the
  // admin left meanwhile) rejects that row and the others still go.
  OutboxSent send(justworks::Client& jw, std::vector<OutboxEmail>& rows, int64_t now_ms);

 private:
  CrashPoints& crash_;
};

}  // namespace hiresync
