// Expected failures as values: every use case returns Result<T>.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <variant>

namespace coopole {

// The kinds of expected failure. The HTTP layer maps each to one status
// (http/error_status.cpp); nothing else decides statuses.
enum class ErrorCode {
  kInvalidArgument,     // 422: input fails validation; `fields` names each field at fault
  kBadRequest,          // 400: malformed request (unparsable JSON, missing body)
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404 (also for anything of another hub)
  kConflict,            // 409
  kPayloadTooLarge,     // 413
  kUnsupportedMediaType,// 415
  kFailedPrecondition,  // 409 as well, with its own code string
  kTooManyRequests,     // 429
  kUnavailable,         // 503: the database stayed busy; nothing was written, try again
};

// Stable machine-readable name of a code ("invalid_argument", ...), used in JSON errors.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;                        // an English developer-facing summary
  std::map<std::string, std::string> fields;  // field name -> message key or text

  static Error Invalid(std::map<std::string, std::string> fields, std::string message = "validation failed") {
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error NotFound(std::string what) { return Error{ErrorCode::kNotFound, std::move(what) + " not found", {}}; }
  static Error Conflict(std::string message) { return Error{ErrorCode::kConflict, std::move(message), {}}; }
  static Error Denied(std::string message = "permission denied") {
    return Error{ErrorCode::kPermissionDenied, std::move(message), {}};
  }
  static Error BadRequest(std::string message, std::map<std::string, std::string> fields = {}) {
    return Error{ErrorCode::kBadRequest, std::move(message), std::move(fields)};
  }
};

// Holds either a value or an Error. Accessing the wrong alternative is a programming
// fault and throws std::bad_variant_access.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}   // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace coopole
