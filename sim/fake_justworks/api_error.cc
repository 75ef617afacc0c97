// ApiError conversions (see api_error.h).
#include "fake_justworks/api_error.h"

#include <fmt/format.h>

namespace sim::justworks {

nlohmann::json error_body(const ApiError& error) {
  nlohmann::json field =
      error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field);
  return {{"error", {{"code", error.code}, {"message", error.message}, {"field", field}}}};
}

hiresync::Status to_status(const ApiError& error) {
  using hiresync::Status;
  // What the API would have answered, so a scenario's expect.error can check
  // "422 (field last_name)" as an admin would see it: status, field, reason.
  const std::string message =
      error.field.empty()
          ? fmt::format("{}: {}", error.http_status, error.message)
          : fmt::format("{} (field {}): {}", error.http_status, error.field, error.message);
  switch (error.http_status) {
    case 400:
    case 413:
    case 422:
      return Status::InvalidArgument(message);
    case 401:
      return Status::Unauthenticated(message);
    case 403:
      return Status::PermissionDenied(message);
    case 404:
      return Status::NotFound(message);
    case 409:
      return Status::Conflict(message);
    default:
      return Status::Internal(message);
  }
}

}  // namespace sim::justworks
