#include "node/audit/cosign_request.h"

#include <nlohmann/json.hpp>

namespace tandem::node::audit {

using nlohmann::json;

Result<CosignRequest> DecodeCosignRequest(std::string_view body) {
  const auto request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!request.is_object() || !request.contains("checkpoint") || !request.contains("consistency")) {
    return Fail(Code::kInvalidArgument, "cosign-request needs members checkpoint and consistency");
  }
  auto checkpoint = DecodeCheckpoint(request["checkpoint"].dump());
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  auto consistency = DecodeConsistencyProof(request["consistency"].dump());
  if (!consistency) return tl::unexpected(consistency.error());
  return CosignRequest{std::move(*checkpoint), std::move(*consistency)};
}

Result<std::string> EncodeCosignRequest(const CosignRequest& request) {
  auto checkpoint = EncodeCheckpoint(request.checkpoint);
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  return json{{"checkpoint", json::parse(*checkpoint)},
              {"consistency", json::parse(EncodeConsistencyProof(request.consistency))}}
      .dump();
}

}  // namespace tandem::node::audit
