// PageAuth: who may use the integrations page. Every page call carries a
// Justworks session credential; the core never takes a member or company
// from a request body or query, it asks Justworks whose session it is and
// acts for that member in that member's company only.
//
// Threads: any; it holds only references to thread-safe ports.
#pragma once

#include <optional>
#include <string_view>

#include "ports/http_client.h"
#include "ports/log.h"
#include "sync/api_reply.h"
#include "sync/page_caller.h"
#include "sync/settings.h"

namespace hiresync {

class PageAuth {
 public:
  PageAuth(const CoreSettings& settings, HttpClient& http, Log& log)
      : settings_(settings), http_(http), log_(log) {}

  // nullopt and `caller` filled when `request`'s session is a live Justworks
  // session of an active admin of a company this core serves, and the
  // request names no other company. Else the reply that refuses it: 401 (no,
  // unknown or expired session), 403 (not an admin; another company named),
  // 404 (a company the core does not serve), 502 (Justworks unreachable).
  // `action` names the call in refusals and the log ("disconnect").
  std::optional<ApiReply> admit_admin(const PageRequest& request, std::string_view action,
                                      Caller& caller);

 private:
  ApiReply refuse(int status, std::string_view code, std::string_view message,
                  std::string_view action, std::string_view why);

  const CoreSettings& settings_;
  HttpClient& http_;
  Log& log_;
};

}  // namespace hiresync
