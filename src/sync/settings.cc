#include "sync/settings.h"

namespace hiresync {
namespace {

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

CoreSettings::CoreSettings(CoreConfig config) : config_(std::move(config)) {
  config_.public_url = without_trailing_slash(config_.public_url);
  config_.lever_auth_url = without_trailing_slash(config_.lever_auth_url);
  config_.lever_api_url = without_trailing_slash(config_.lever_api_url);
  config_.justworks_api_url = without_trailing_slash(config_.justworks_api_url);
}

std::string CoreSettings::redirect_uri() const {
  return config_.public_url + "/oauth/lever/callback";
}

std::string CoreSettings::webhook_url_prefix() const {
  return config_.public_url + "/webhooks/lever/";
}

std::string CoreSettings::webhook_url(const std::string& connection_id) const {
  return webhook_url_prefix() + connection_id;
}

std::optional<std::string> CoreSettings::justworks_token(const std::string& company) const {
  auto it = config_.justworks_tokens.find(company);
  if (it == config_.justworks_tokens.end()) return std::nullopt;
  return it->second;
}

lever::OAuthSettings CoreSettings::lever_oauth() const {
  return {config_.lever_auth_url, config_.lever_client_id, config_.lever_client_secret,
          redirect_uri(), config_.lever_api_url + "/v1/"};
}

}  // namespace hiresync
