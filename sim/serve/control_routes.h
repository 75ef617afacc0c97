// The control API and the inspector page of `hiresim serve`, on one server:
//   GET  /                     the inspector (one page, served from the binary)
//   POST /control/steps        one step or an array, as in a scenario file
//   GET  /control/state        the records, the integration, the journals
//   GET  /control/events       server-sent events: everything as it happens
//   POST /control/reset        a fresh world, optionally another one
//   GET  /control/scenario     the session so far as a scenario file
#pragma once

#include <cstddef>

#include <httplib.h>

#include "serve/session.h"

namespace sim::serve {

// Bodies over this are refused with 413 before they are read.
constexpr size_t kMaxControlBodyBytes = 1 << 20;

// Registers the routes. `session` outlives the server.
void mount_control_routes(httplib::Server& server, Session& session);

}  // namespace sim::serve
