// The JSON API of docs/justworks-api.md, the surface the core calls:
// bearer-token auth bound to one company, strict query and body checks, and
// the operations of pending_hires.h and mailbox.h.
#pragma once

#include <httplib.h>

#include "fake_justworks/service.h"

namespace sim::justworks {

// The header naming the admin who acts in Review & Invite calls (PATCH,
// invite, dismiss); absent, the company's first admin with manage_employees.
inline constexpr char kActorHeader[] = "Justworks-Actor";

void mount_api_routes(httplib::Server& server, Service& service);

}  // namespace sim::justworks
