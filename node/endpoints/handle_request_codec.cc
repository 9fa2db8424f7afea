#include "node/endpoints/handle_request_codec.h"

#include <nlohmann/json.hpp>

#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {

Result<std::string> DecodeHandleRequest(std::string_view body, std::string_view kind) {
  auto json = ParseBody(body, kind);
  if (!json) return tl::unexpected(json.error());
  return StringMember(*json, kind, "handle");
}

std::string EncodeHandleRequest(std::string_view handle) {
  return nlohmann::json{{"handle", std::string(handle)}}.dump();
}

}  // namespace tandem::node::endpoints
