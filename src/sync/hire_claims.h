// HireClaims: which due hire each worker runs next (issue 20). One round of
// run_due() reads the due hires in (due, id) order and hands each to exactly
// one worker: the choice and its record happen under one lock, so two
// workers can never both win a hire. A hire runs at most once per round,
// whatever it is rescheduled to. (The store keeps one hire per opportunity,
// so two workers never run the same opportunity either.)
//
// The claims live in this process: one core serves a database (SQLite is a
// local file), so a crash takes its claims with it and a restarted core finds
// every unfinished hire due as stored.
//
// Threads: any.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>

#include "ports/guarded_store.h"

namespace hiresync {

class HireClaims {
 public:
  // `workers`: how many claim at once (so how many claimed hires may still
  // be due in the store, running).
  HireClaims(GuardedStore& store, int workers) : store_(store), workers_(workers) {}

  // Starts a round at `now_ms`: nothing has run in it yet.
  void begin_round(int64_t now_ms);
  // The next hire for the calling worker, claimed; nullopt when the round has
  // nothing left (or the store is failing: the hires stay due). A claimed
  // hire's run stores its outcome, so it stops being due or is due later.
  std::optional<Hire> claim();
  // Hires claimed this round.
  int claimed() const;

 private:
  GuardedStore& store_;
  const int workers_;
  mutable std::mutex mu_;
  int64_t now_ms_ = 0;
  std::deque<Hire> queue_;  // read, not yet claimed
  std::set<int64_t> ran_;   // claimed this round, by hire id
};

}  // namespace hiresync
