#include "sync/core.h"

#include "ports/crash_points.h"
#include "ports/guarded_store.h"
#include "sync/guarded_ports.h"
#include "sync/integrations.h"
#include "sync/lever_connections.h"
#include "sync/lever_session.h"
#include "sync/period_ledger.h"
#include "sync/reconciler.h"
#include "sync/revocation.h"
#include "sync/settings.h"
#include "sync/worker.h"
#include "webhook/receiver.h"

namespace hiresync {
namespace {

// For every route: the core is down (stopped at a crash point).
ApiReply down_reply() { return error_reply(503, "unavailable", "the sync core is down"); }

}  // namespace

// The wiring: the host's ports wrapped once (serialized, silenced at a crash
// point, the store guarded), the state more than one part changes, and each
// part with only the ports it uses.
struct SyncCore::Impl {
  Impl(CoreConfig config, CorePorts ports)
      : settings(std::move(config)),
        clock(ports.clock),
        log(ports.log, crash),
        crash(log),
        http(ports.http, crash),
        store(ports.store, crash),
        random(ports.random),
        connections(clock),
        periods(clock),
        revocation(store, clock, log, connections, periods),
        lever{settings, http, clock, store, log, crash, connections},
        integrations({settings, clock, random, http, store, log, lever, periods, revocation}),
        worker({settings, clock, random, http, store, log, crash, lever, revocation},
               settings.config().workers),
        reconciler({settings, clock, store, log, lever, periods, revocation}),
        receiver(store, ports.crypto, clock, log) {}

  // A page call, as the process answers it: refused once stopped at a crash
  // point, and a call that stopped the core on its way (e.g. inside a token
  // refresh) answers as the dead process would have, whatever it decided.
  template <typename Call>
  ApiReply answer(Call call) {
    if (crash.stopped()) return down_reply();
    ApiReply reply = call();
    return crash.stopped() ? down_reply() : reply;
  }

  const CoreSettings settings;
  const Clock& clock;
  SerializedLog log;
  CrashPoints crash;
  StoppableHttp http;
  GuardedStore store;
  SerializedRandom random;
  LeverConnections connections;
  PeriodLedger periods;
  Revocation revocation;
  const LeverPorts lever;
  Integrations integrations;
  Worker worker;
  Reconciler reconciler;
  Receiver receiver;
};

SyncCore::SyncCore(CoreConfig config, CorePorts ports)
    : impl_(std::make_unique<Impl>(std::move(config), ports)) {}

SyncCore::~SyncCore() = default;

ApiReply SyncCore::start_setup(const PageRequest& request) {
  return impl_->answer([&] { return impl_->integrations.start_setup(request); });
}

ApiReply SyncCore::oauth_callback(const std::map<std::string, std::string>& query) {
  return impl_->answer([&] { return impl_->integrations.oauth_callback(query); });
}

ApiReply SyncCore::finish_setup(const PageRequest& request) {
  return impl_->answer([&] { return impl_->integrations.finish_setup(request); });
}

ApiReply SyncCore::disconnect(const PageRequest& request) {
  return impl_->answer([&] { return impl_->integrations.disconnect(request); });
}

ApiReply SyncCore::page_status(const PageRequest& request) {
  return impl_->answer([&] { return impl_->integrations.page_status(request); });
}

ApiReply SyncCore::status(const std::string& company) {
  return impl_->answer([&] { return impl_->integrations.status(company); });
}

ApiReply SyncCore::retry(const PageRequest& request,
                         const std::optional<std::string>& opportunity_id) {
  return impl_->answer([&] { return impl_->integrations.retry(request, opportunity_id); });
}

ApiReply SyncCore::receive_webhook(const std::string& connection_id, std::string_view body) {
  if (impl_->crash.stopped()) return down_reply();
  const Receipt receipt = impl_->receiver.receive(connection_id, body);
  ApiReply reply;
  reply.status = receipt.status;
  if (receipt.status >= 300) {
    reply.body = {{"error", {{"code", receipt.result}, {"message", receipt.message}}}};
  } else {
    reply.body = {{"result", receipt.result}};
    if (!receipt.message.empty()) reply.body["message"] = receipt.message;
  }
  // Lever retries a refused delivery, but maybe not before its webhook goes
  // away: reconciliation covers the time around it (REL-7).
  if (receipt.status >= 500) impl_->reconciler.note_refused_delivery();
  // A hire is persisted and its answer decided: a crash from here on is
  // "after the ack" (REL-4). Other deliveries are not crash points.
  if (receipt.result == "queued") (void)impl_->crash.crash_point("after_ack");
  return reply;
}

// Reconciliation first: the hires it finds are due at once and run in the
// same call.
int SyncCore::run_due() {
  if (impl_->crash.stopped()) return 0;
  const int setups = impl_->integrations.run_due();
  const int reconciled = impl_->reconciler.run_due();
  return setups + reconciled + impl_->worker.run_due();
}

std::optional<int64_t> SyncCore::next_due_ms() {
  if (impl_->crash.stopped()) return std::nullopt;
  std::optional<int64_t> next;
  for (auto due : {impl_->worker.next_due_ms(), impl_->reconciler.next_due_ms(),
                   impl_->integrations.next_due_ms()}) {
    if (due && (!next || *due < *next)) next = due;
  }
  return next;
}

void SyncCore::set_fault_hook(std::function<bool(std::string_view point)> hook) {
  impl_->crash.install(std::move(hook));
}

bool SyncCore::crashed() const { return impl_->crash.stopped(); }

}  // namespace hiresync
