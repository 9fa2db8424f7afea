#include "node/exchange/witness_answers.h"

#include <nlohmann/json.hpp>

#include "node/audit/messages.h"

namespace tandem::node::exchange {

using nlohmann::json;

Result<std::optional<audit::SignedCheckpoint>> DecodeCheckpointRequestAnswer(
    std::string_view answer) {
  const auto result = json::parse(answer, nullptr, false);
  if (!result.is_object() || !result.contains("witnessed")) {
    return Fail(Code::kInvalidArgument, "checkpoint-request answer lacks 'witnessed'");
  }
  if (result["witnessed"].is_null()) return std::optional<audit::SignedCheckpoint>();
  auto witnessed = audit::DecodeCheckpoint(result["witnessed"].dump());
  if (!witnessed) return tl::unexpected(witnessed.error());
  return std::optional<audit::SignedCheckpoint>(std::move(*witnessed));
}

Result<audit::Cosignature> DecodeCosignAnswer(std::string_view answer) {
  const auto cosigned = json::parse(answer, nullptr, false);
  if (!cosigned.is_object() || !cosigned.contains("cosignature")) {
    return Fail(Code::kInvalidArgument, "cosign-request answer lacks 'cosignature'");
  }
  return audit::DecodeCosignature(cosigned["cosignature"].dump());
}

Result<std::string> EncodeCheckpointRequestAnswer(
    const std::optional<audit::SignedCheckpoint>& witnessed) {
  json result = {{"witnessed", nullptr}};
  if (witnessed) {
    auto encoded = audit::EncodeCheckpoint(*witnessed);
    if (!encoded) return tl::unexpected(encoded.error());
    result["witnessed"] = json::parse(*encoded);
  }
  return result.dump();
}

Result<std::string> EncodeCosignAnswer(const audit::Cosignature& cosignature) {
  auto encoded = audit::EncodeCosignature(cosignature);
  if (!encoded) return tl::unexpected(encoded.error());
  return json{{"cosignature", json::parse(*encoded)}}.dump();
}

}  // namespace tandem::node::exchange
