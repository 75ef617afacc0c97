#include "scenario/step_context.h"

#include <fmt/format.h>

namespace sim {

hiresync::Result<std::string> param_string(const nlohmann::json& params, const std::string& key) {
  if (!params.is_object() || !params.contains(key))
    return hiresync::Status::InvalidArgument(fmt::format("missing parameter \"{}\"", key));
  if (!params[key].is_string() || params[key].get<std::string>().empty())
    return hiresync::Status::InvalidArgument(
        fmt::format("parameter \"{}\" must be a non-empty string", key));
  return params[key].get<std::string>();
}

std::optional<std::string> param_optional_string(const nlohmann::json& params,
                                                 const std::string& key) {
  if (!params.is_object() || !params.contains(key) || !params[key].is_string()) return std::nullopt;
  return params[key].get<std::string>();
}

hiresync::Result<bool> param_bool(const nlohmann::json& params, const std::string& key,
                                  bool fallback) {
  if (!params.is_object() || !params.contains(key)) return fallback;
  if (!params[key].is_boolean())
    return hiresync::Status::InvalidArgument(
        fmt::format("parameter \"{}\" must be true or false", key));
  return params[key].get<bool>();
}

// In-process, not through the page's route: reading state needs no caller,
// and a poll would otherwise sign a member in at Justworks every time. The
// route and its authentication are covered by the page actions.
hiresync::Result<nlohmann::json> integration_status(StepContext& ctx, const std::string& company) {
  if (!ctx.world.core().running()) return nlohmann::json{{"status", "core_down"}};
  const hiresync::ApiReply reply = ctx.world.core().core().status(company);
  if (reply.status == 503) return nlohmann::json{{"status", "core_down"}};
  if (reply.status != 200)
    return hiresync::Status::Internal(fmt::format("the core's status answered {}", reply.status));
  return reply.body;
}

}  // namespace sim
