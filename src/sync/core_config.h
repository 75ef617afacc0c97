// CoreConfig: what the host tells the sync core at start — where it is
// reachable, where Lever and Justworks are, the Lever app's credentials and
// the core's Justworks token for each company it serves.
#pragma once

#include <map>
#include <string>

namespace hiresync {

struct CoreConfig {
  std::string public_url;      // where the core is reachable: redirect_uri, webhook URL
  std::string lever_auth_url;  // base of /authorize and /oauth/token
  std::string lever_api_url;   // base of the Data API; requests go to <base>/v1/...
  std::string lever_client_id;
  std::string lever_client_secret;
  std::string justworks_api_url;  // base of the Justworks API; requests go to <base>/v1/...
  // Justworks company id → the bearer token the core uses for that company.
  std::map<std::string, std::string> justworks_tokens;
  // Threads that run due hires (sync/worker.h). More than one needs an
  // HttpClient port that takes concurrent sends.
  int workers = 1;
};

}  // namespace hiresync
