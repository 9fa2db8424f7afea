#include "node/exchange/witnessing.h"

#include <nlohmann/json.hpp>

#include "node/audit/messages.h"

namespace tandem::node::exchange {
namespace {

constexpr std::string_view kPurpose = "audit-witness";

Status WitnessWith(PeerExchange& exchange, audit::AuditLog& log, const protocol::IsaParty& peer,
                   std::uint64_t* tree_size) {
  auto state = exchange.Call(peer.id.value(), kPurpose, "checkpoint-request", "{}");
  if (!state) return tl::unexpected(state.error());
  const auto result = nlohmann::json::parse(state->result_json, nullptr, false);
  if (!result.is_object() || !result.contains("witnessed")) {
    return Fail(Code::kInvalidArgument, "checkpoint-request answer lacks 'witnessed'");
  }
  std::uint64_t witnessed_size = 0;
  if (!result["witnessed"].is_null()) {
    auto witnessed = audit::DecodeCheckpoint(result["witnessed"].dump());
    if (!witnessed) return tl::unexpected(witnessed.error());
    witnessed_size = witnessed->tree_size;
  }
  auto latest = log.Checkpoint();
  if (!latest) return tl::unexpected(latest.error());
  *tree_size = latest->tree_size;
  std::vector<crypto::MerkleHash> proof;
  if (witnessed_size > 0 && witnessed_size < latest->tree_size) {
    auto consistency = log.ConsistencyProof(witnessed_size, latest->tree_size);
    if (!consistency) return tl::unexpected(consistency.error());
    proof = std::move(*consistency);
  }
  auto checkpoint = audit::EncodeCheckpoint(*latest);
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  const nlohmann::json body = {
      {"checkpoint", nlohmann::json::parse(*checkpoint)},
      {"consistency",
       nlohmann::json::parse(audit::EncodeConsistencyProof(
           audit::ConsistencyProofMessage{witnessed_size, latest->tree_size, proof}))}};
  auto answer = exchange.Call(peer.id.value(), kPurpose, "cosign-request", body.dump());
  if (!answer) return tl::unexpected(answer.error());
  const auto cosigned = nlohmann::json::parse(answer->result_json, nullptr, false);
  if (!cosigned.is_object() || !cosigned.contains("cosignature")) {
    return Fail(Code::kInvalidArgument, "cosign-request answer lacks 'cosignature'");
  }
  auto cosignature = audit::DecodeCosignature(cosigned["cosignature"].dump());
  if (!cosignature) return tl::unexpected(cosignature.error());
  if (cosignature->witness != peer.id || !(cosignature->checkpoint == *latest)) {
    return Fail(Code::kUnauthenticated, "the co-signature is not the peer's, of this checkpoint");
  }
  return log.AddCosignature(*latest, peer.id, cosignature->sig, peer.signing_key);
}

}  // namespace

std::vector<WitnessOutcome> RunWitnessRound(PeerExchange& exchange, audit::AuditLog& log,
                                            const isa::IsaPolicy& policy) {
  std::vector<WitnessOutcome> outcomes;
  for (const protocol::IsaParty& party : policy.isa().parties) {
    if (party.id.value() == policy.self()) continue;
    WitnessOutcome outcome{party.id.value(), Ok(), 0};
    outcome.status = WitnessWith(exchange, log, party, &outcome.tree_size);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace tandem::node::exchange
