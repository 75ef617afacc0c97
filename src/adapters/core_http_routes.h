// The core's HTTP surface, mounted on a LoopbackServer:
//
//   POST /webhooks/lever/{connection_id}  the receiver (SyncCore::receive_webhook)
//   GET  /oauth/lever/callback?code&state  the OAuth redirect target (or error&error_description)
//   The integrations page, each with `Authorization: Bearer <Justworks session>`:
//   POST /integrations/lever/setup        → {"authorize_url"}
//   POST /integrations/lever/finish
//   POST /integrations/lever/disconnect
//   GET  /integrations/lever/status
//   POST /integrations/lever/retry        {"opportunity"?}
//   A page call may name {"company"} (body or ?company=): it must be the
//   session's own; any "member" in a body is ignored.
//
// `core` returns the running core, or nullptr while it is down (crashed):
// then every route answers 503, as a load balancer would with no backend.
#pragma once

#include <functional>

#include <httplib.h>

#include "sync/core.h"

namespace hiresync {

// Bodies over this are refused with 413 before they reach the core (SEC-3).
inline constexpr size_t kMaxWebhookBodyBytes = 1 << 20;

void mount_core_routes(httplib::Server& server, std::function<SyncCore*()> core);

}  // namespace hiresync
