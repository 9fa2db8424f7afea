#include "node/exchange/witnessing.h"

#include "node/audit/cosign_request.h"
#include "node/exchange/witness_answers.h"

namespace tandem::node::exchange {
namespace {

constexpr std::string_view kPurpose = "audit-witness";

Status WitnessWith(PeerExchange& exchange, audit::AuditLog& log, const protocol::IsaParty& peer,
                   std::uint64_t* tree_size) {
  auto state = exchange.Call(peer.id.value(), kPurpose, "checkpoint-request", "{}");
  if (!state) return tl::unexpected(state.error());
  auto witnessed = DecodeCheckpointRequestAnswer(state->result_json);
  if (!witnessed) return tl::unexpected(witnessed.error());
  const std::uint64_t witnessed_size = *witnessed ? (*witnessed)->tree_size : 0;
  auto latest = log.Checkpoint();
  if (!latest) return tl::unexpected(latest.error());
  *tree_size = latest->tree_size;
  std::vector<crypto::MerkleHash> proof;
  if (witnessed_size > 0 && witnessed_size < latest->tree_size) {
    auto consistency = log.ConsistencyProof(witnessed_size, latest->tree_size);
    if (!consistency) return tl::unexpected(consistency.error());
    proof = std::move(*consistency);
  }
  auto body = audit::EncodeCosignRequest(audit::CosignRequest{
      *latest, audit::ConsistencyProofMessage{witnessed_size, latest->tree_size, proof}});
  if (!body) return tl::unexpected(body.error());
  auto answer = exchange.Call(peer.id.value(), kPurpose, "cosign-request", *body);
  if (!answer) return tl::unexpected(answer.error());
  auto cosignature = DecodeCosignAnswer(answer->result_json);
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
