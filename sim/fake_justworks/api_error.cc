// ApiError conversions (see api_error.h).
#include "fake_justworks/api_error.h"

namespace sim::justworks {

nlohmann::json error_body(const ApiError& error) {
  nlohmann::json field =
      error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field);
  return {{"error", {{"code", error.code}, {"message", error.message}, {"field", field}}}};
}

hiresync::Status to_status(const ApiError& error) {
  using hiresync::Status;
  switch (error.http_status) {
    case 400:
    case 413:
    case 422:
      return Status::InvalidArgument(error.message);
    case 401:
      return Status::Unauthenticated(error.message);
    case 403:
      return Status::PermissionDenied(error.message);
    case 404:
      return Status::NotFound(error.message);
    case 409:
      return Status::Conflict(error.message);
    default:
      return Status::Internal(error.message);
  }
}

}  // namespace sim::justworks
