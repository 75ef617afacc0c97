// Who calls the integrations page: the credential a page request carries and
// the member Justworks vouches for behind it.
#pragma once

#include <optional>
#include <string>

namespace hiresync {

// A request from the Justworks integrations page (Company › Integrations ›
// Lever), as the route read it.
struct PageRequest {
  // The caller's Justworks session credential (`Authorization: Bearer`);
  // empty when the request carried none.
  std::string session;
  // The company the page believes it is in, when the request names one. It
  // selects nothing: it must be the session's company, or the call is refused.
  std::optional<std::string> company;
};

// The caller once Justworks has verified the session.
struct Caller {
  std::string company;
  std::string member_email;
  bool admin = false;  // an active Justworks admin (SETUP-1)
};

}  // namespace hiresync
