#include "node/importer/record_request.h"

#include <algorithm>

namespace tandem::node::importer {
namespace {

constexpr std::size_t kMaxRequestRef = 64;

bool RequestRefChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '/' || c == '-';
}

}  // namespace

Status CheckRecordRequest(const RecordRequest& request) {
  const std::string_view request_ref = request.request_ref;
  if (request_ref.empty() || request_ref.size() > kMaxRequestRef ||
      !std::ranges::all_of(request_ref, RequestRefChar)) {
    return Fail(Code::kInvalidArgument,
                "the request reference must be 1 to 64 letters, digits and . _ / - (the "
                "controller's reference for the request)");
  }
  if (!request.ref.empty() && request_ref.find(request.ref) != std::string_view::npos) {
    return Fail(Code::kInvalidArgument,
                "the request reference contains the record's reference; it goes into the audit "
                "log, which names no record: give the controller's own reference for the request");
  }
  return Ok();
}

}  // namespace tandem::node::importer
