// The one place where a Tandem Error becomes an HTTP answer. Error bodies are JSON:
//   {"error":{"code":"invalid_argument","message":"request body is larger than 1048576 bytes"}}
// with the code names of core/result.h (the contract) and a message for people.
#pragma once

#include <string_view>

#include "core/result.h"
#include "node/net/http_message.h"

namespace tandem::node::net {

// kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404,
// kResourceExhausted 429, kUnavailable 503, kCorruption and kInternal 500.
int HttpStatusFor(Code code);

// An answer with `status` and the JSON error body for `code` and `message`.
HttpResponse ErrorResponse(int status, Code code, std::string_view message);

// ErrorResponse(HttpStatusFor(error.code), error.code, error.message).
HttpResponse ErrorResponse(const Error& error);

}  // namespace tandem::node::net
