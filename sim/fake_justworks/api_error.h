// ApiError and Outcome<T>: how the fake's operations refuse a request. One
// ApiError becomes both the HTTP answer {"error": {code, message, field}} and
// the Status a UI action returns, so the two always say the same thing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>

#include "common/status.h"

namespace sim::justworks {

struct ApiError {
  int http_status = 500;
  std::string code;     // snake_case, e.g. "invalid_value"
  std::string message;  // a sentence naming the field; never holds a secret
  std::string field;    // empty: the error is about no single field
};

inline ApiError bad_request(std::string code, std::string message, std::string field = {}) {
  return {400, std::move(code), std::move(message), std::move(field)};
}
inline ApiError unprocessable(std::string code, std::string message, std::string field) {
  return {422, std::move(code), std::move(message), std::move(field)};
}
inline ApiError not_found(std::string message) {
  return {404, "not_found", std::move(message), {}};
}
inline ApiError forbidden(std::string message) {
  return {403, "forbidden", std::move(message), {}};
}
inline ApiError conflict(std::string code, std::string message) {
  return {409, std::move(code), std::move(message), {}};
}

// {"error": {"code", "message", "field"}}, field null when there is none.
nlohmann::json error_body(const ApiError& error);

// The Status a UI action returns for `error`; its message starts with the
// HTTP status and the field, e.g. "422 (field last_name): ...".
hiresync::Status to_status(const ApiError& error);

// A value, or the ApiError saying why there is none.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Outcome(ApiError error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const ApiError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ApiError> state_;
};

// For operations whose success carries nothing.
struct Done {};

}  // namespace sim::justworks
