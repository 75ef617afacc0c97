#include "sync/core.h"

#include "sync/context.h"
#include "sync/integrations.h"
#include "sync/reconciler.h"
#include "sync/worker.h"
#include "webhook/receiver.h"

namespace hiresync {
namespace {

// A call that reached a crash point (e.g. inside a token refresh) answers as
// the dead process would have: 503, whatever it had decided before.
ApiReply alive_or_down(const CoreContext& ctx, ApiReply reply) {
  return ctx.dead ? down_reply() : reply;
}

}  // namespace

struct SyncCore::Impl {
  Impl(CoreConfig config, CorePorts ports)
      : ctx(std::move(config), ports),
        integrations(ctx),
        worker(ctx),
        reconciler(ctx),
        receiver(ctx.store, ctx.store_mu, ctx.crypto, ctx.clock, ctx.log) {}

  CoreContext ctx;
  Integrations integrations;
  Worker worker;
  Reconciler reconciler;
  Receiver receiver;
};

SyncCore::SyncCore(CoreConfig config, CorePorts ports)
    : impl_(std::make_unique<Impl>(std::move(config), ports)) {}

SyncCore::~SyncCore() = default;

ApiReply SyncCore::start_setup(const std::string& company, const std::string& member_email) {
  if (impl_->ctx.dead) return down_reply();
  return alive_or_down(impl_->ctx, impl_->integrations.start_setup(company, member_email));
}

ApiReply SyncCore::oauth_callback(const std::map<std::string, std::string>& query) {
  if (impl_->ctx.dead) return down_reply();
  return alive_or_down(impl_->ctx, impl_->integrations.oauth_callback(query));
}

ApiReply SyncCore::finish_setup(const std::string& company, const std::string& member_email) {
  if (impl_->ctx.dead) return down_reply();
  return alive_or_down(impl_->ctx, impl_->integrations.finish_setup(company, member_email));
}

ApiReply SyncCore::disconnect(const std::string& company, const std::string& member_email) {
  if (impl_->ctx.dead) return down_reply();
  return alive_or_down(impl_->ctx, impl_->integrations.disconnect(company, member_email));
}

ApiReply SyncCore::status(const std::string& company) {
  if (impl_->ctx.dead) return down_reply();
  return impl_->integrations.status(company);
}

ApiReply SyncCore::retry(const std::string& company,
                         const std::optional<std::string>& opportunity_id) {
  if (impl_->ctx.dead) return down_reply();
  return impl_->integrations.retry(company, opportunity_id);
}

ApiReply SyncCore::receive_webhook(const std::string& connection_id, std::string_view body) {
  if (impl_->ctx.dead) return down_reply();
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
  if (receipt.result == "queued") impl_->ctx.crash_at("after_ack");
  return reply;
}

// Reconciliation first: the hires it finds are due at once and run in the
// same call.
int SyncCore::run_due() {
  const int reconciled = impl_->reconciler.run_due();
  return reconciled + impl_->worker.run_due();
}

std::optional<int64_t> SyncCore::next_due_ms() {
  auto jobs = impl_->worker.next_due_ms();
  auto reconcile = impl_->reconciler.next_due_ms();
  if (!jobs) return reconcile;
  if (!reconcile) return jobs;
  return std::min(*jobs, *reconcile);
}

void SyncCore::set_fault_hook(std::function<bool(std::string_view point)> hook) {
  impl_->ctx.fault_hook = std::move(hook);
}

bool SyncCore::crashed() const { return impl_->ctx.dead.load(); }

}  // namespace hiresync
