// Errors as values at the core's edge: a typed code plus a message a person can act on.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace rg {

enum class ErrorCode {
  Invalid,       // the input is wrong; the message says what to fix
  NotFound,      // the thing asked for does not exist (any more)
  Conflict,      // another desk or the kiosk got there first (overlap, unique value)
  Forbidden,     // the person signed in may not do this; the message says who may
  Busy,          // the database stayed locked longer than busy_timeout
  SchemaTooNew,  // the database was written by a newer Registratura
  Io,            // disk full, read-only, unreadable file
  Internal,      // a bug: SQL that does not prepare, an invariant broken
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  // for people, in the UI language
  std::string detail;   // for logs: SQLite's own words, the constraint name

  Error() = default;
  Error(ErrorCode c, std::string msg, std::string det = {})
      : code(c), message(std::move(msg)), detail(std::move(det)) {}
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode c, std::string msg, std::string detail = {}) {
  return std::unexpected<Error>(Error{c, std::move(msg), std::move(detail)});
}

const char* to_string(ErrorCode c);

}  // namespace rg
