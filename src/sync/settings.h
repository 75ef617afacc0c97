// CoreSettings: the core's configuration, with what is derived from it — the
// OAuth redirect URI, the webhook URLs, the token audience and each company's
// Justworks token. Built once when the core starts; read-only after, so any
// thread may read it.
#pragma once

#include <optional>
#include <string>

#include "lever/oauth.h"
#include "sync/core_config.h"

namespace hiresync {

class CoreSettings {
 public:
  // Base URLs lose any trailing slash.
  explicit CoreSettings(CoreConfig config);

  const CoreConfig& config() const { return config_; }
  std::string redirect_uri() const;
  std::string webhook_url(const std::string& connection_id) const;
  std::string webhook_url_prefix() const;
  // The core's Justworks token for `company`; nullopt for a company it does not serve.
  std::optional<std::string> justworks_token(const std::string& company) const;
  // The client credentials and URLs of the Lever OAuth app.
  lever::OAuthSettings lever_oauth() const;

 private:
  CoreConfig config_;
};

}  // namespace hiresync
