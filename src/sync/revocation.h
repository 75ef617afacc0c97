// Revocation (REVOKE-2): Lever refused a connection's credentials. If it is
// still the company's current connection: status disconnected with the
// reason, tokens forgotten (the signature token stays, so later deliveries are
// verified and ignored), and the connected period ends where Lever last
// accepted the token (REL-7). The worker, the reconciler and Finish setup all
// notice revocations; this is the one place that records them.
//
// Threads: any.
#pragma once

#include <string>

#include "ports/clock.h"
#include "ports/guarded_store.h"
#include "ports/log.h"
#include "sync/lever_connections.h"
#include "sync/period_ledger.h"

namespace hiresync {

class Revocation {
 public:
  Revocation(GuardedStore& store, const Clock& clock, Log& log, LeverConnections& connections,
             PeriodLedger& periods)
      : store_(store), clock_(clock), log_(log), connections_(connections), periods_(periods) {}

  // In its own store transaction.
  void mark_revoked(const std::string& connection_id, const std::string& reason);

 private:
  GuardedStore& store_;
  const Clock& clock_;
  Log& log_;
  LeverConnections& connections_;
  PeriodLedger& periods_;
};

}  // namespace hiresync
