// Status and Result<T>: errors as values, for everything that fails because of
// untrusted input or the environment. Broken invariants are checks instead
// (common/check.h): reading the value of an error Result stops the process
// with the error's message, in every build.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "common/check.h"

namespace hiresync {

class Status {
 public:
  // Add a code only when some caller reacts to it differently.
  enum class Code {
    kOk,
    kInvalidArgument,  // the input is wrong; the message names it
    kNotFound,
    kPermissionDenied,  // the actor may not do this
    kUnauthenticated,   // credentials missing, wrong, expired or revoked
    kConflict,          // the request contradicts the current state
    kUnavailable,       // transient: retry later
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {Code::kUnauthenticated, std::move(m)}; }
  static Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value)
      : value_(std::move(value)), status_(Status::Ok()) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok(); a Result without a value must say why.
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("an error Result was built from an OK Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok(). Checked in every build: a caller that skipped ok()
  // stops here with the error's message instead of reading nothing.
  T& value() & { return *checked(); }
  const T& value() const& { return *checked(); }
  T&& value() && { return std::move(*checked()); }
  T* operator->() { return &*checked(); }
  const T* operator->() const { return &*checked(); }
  T& operator*() & { return *checked(); }
  const T& operator*() const& { return *checked(); }

 private:
  std::optional<T>& checked() {
    if (!value_) check_failed("value() of an error Result", status_.message(), __FILE__, __LINE__);
    return value_;
  }
  const std::optional<T>& checked() const {
    if (!value_) check_failed("value() of an error Result", status_.message(), __FILE__, __LINE__);
    return value_;
  }

  std::optional<T> value_;
  Status status_;  // Ok exactly when value_ holds a value
};

}  // namespace hiresync
