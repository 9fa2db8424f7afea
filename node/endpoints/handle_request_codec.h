// The body of the requests that present a match handle to the node that issued it
// (contribution-request, outcome-request):
//   {"handle": "<handle>"}
// Only the shape is read here; the handle table decides whether the handle is live. Pure and
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::endpoints {

// The handle. kInvalidArgument, naming the message kind and the member (never a value), when
// the body is not a JSON object or its "handle" is missing or not a string.
Result<std::string> DecodeHandleRequest(std::string_view body, std::string_view kind);

// The body for `handle` (valid UTF-8, as every decoded handle is).
std::string EncodeHandleRequest(std::string_view handle);

}  // namespace tandem::node::endpoints
