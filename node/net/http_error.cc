#include "node/net/http_error.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace tandem::node::net {
namespace {

struct CodeStatus {
  Code code;
  int status;
};

constexpr std::array<CodeStatus, 8> kStatusByCode = {{
    {Code::kInvalidArgument, 400},
    {Code::kUnauthenticated, 401},
    {Code::kPermissionDenied, 403},
    {Code::kNotFound, 404},
    {Code::kResourceExhausted, 429},
    {Code::kUnavailable, 503},
    {Code::kCorruption, 500},
    {Code::kInternal, 500},
}};

}  // namespace

int HttpStatusFor(Code code) {
  for (const CodeStatus& entry : kStatusByCode) {
    if (entry.code == code) return entry.status;
  }
  return 500;
}

HttpResponse ErrorResponse(int status, Code code, std::string_view message) {
  nlohmann::json body = {
      {"error", {{"code", std::string(CodeName(code))}, {"message", std::string(message)}}}};
  HttpResponse response;
  response.status = status;
  // Replace, not throw, on invalid UTF-8: the message may quote a peer's bytes.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse ErrorResponse(const Error& error) {
  return ErrorResponse(HttpStatusFor(error.code), error.code, error.message);
}

}  // namespace tandem::node::net
