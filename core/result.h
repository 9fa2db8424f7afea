// Errors as values: every fallible call in Tandem returns Result<T>. No exception crosses a
// module's public API; bad input is an ordinary Error with a message a person can act on.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace tandem {

// A small closed set: callers branch on the code, people read the message.
enum class Code {
  kInvalidArgument,    // the input is malformed or out of range
  kNotFound,           // the thing asked for does not exist
  kPermissionDenied,   // authenticated, but not allowed (ISA, role)
  kUnauthenticated,    // identity or signature could not be verified
  kCorruption,         // stored data is damaged or was opened with the wrong key
  kUnavailable,        // a peer, file or resource cannot be reached now; retrying may help
  kResourceExhausted,  // a quota or limit is used up; retrying after it resets may help
  kInternal,           // a failure inside Tandem or a library it calls
};

// Stable lower-case name of a code, e.g. "invalid_argument". Never empty.
std::string_view CodeName(Code code);

struct [[nodiscard]] Error {
  Code code;
  std::string message;
};

// tl::expected with the project's Error, marked [[nodiscard]] so an ignored result is a
// compile warning (libsodium marks its checks warn_unused_result for the same reason).
template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(tl::expected<T, Error> other)  // NOLINT(google-explicit-constructor)
      : tl::expected<T, Error>(std::move(other)) {}
};

// Result<void> for calls that return nothing on success.
using Status = Result<void>;

// Builds the error side of a Result: `return Fail(Code::kNotFound, "no such record");`
inline tl::unexpected<Error> Fail(Code code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

// Success for a Status.
inline Status Ok() { return {}; }

}  // namespace tandem
