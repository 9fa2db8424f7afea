#include "node/endpoints/audit_routes.h"

#include <array>

#include "node/audit/cosign_request.h"
#include "node/audit/messages.h"
#include "node/endpoints/json_body.h"
#include "node/endpoints/proof_request_codec.h"

namespace tandem::node::endpoints {
namespace {

using exchange::HandlerOutput;
using exchange::InboundCall;
using nlohmann::json;

Result<json> Parsed(const Result<std::string>& encoded) {
  if (!encoded) return tl::unexpected(encoded.error());
  return json::parse(*encoded);
}

Result<HandlerOutput> Output(const json& result) { return HandlerOutput{result.dump(), {}, {}}; }

Result<HandlerOutput> CheckpointRequest(audit::AuditLog& log, const InboundCall& call) {
  auto body = ParseBody(call.envelope.body, "checkpoint-request");
  if (!body) return tl::unexpected(body.error());
  auto latest = log.Checkpoint();  // signs one now if the tree grew since the last
  if (!latest) return tl::unexpected(latest.error());
  auto checkpoint = Parsed(audit::EncodeCheckpoint(*latest));
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  auto witnessed = log.LastWitnessed(call.envelope.header.from);
  if (!witnessed) return tl::unexpected(witnessed.error());
  json result = {{"checkpoint", *checkpoint}, {"witnessed", nullptr}};
  if (*witnessed) {
    auto last = Parsed(audit::EncodeCheckpoint(**witnessed));
    if (!last) return tl::unexpected(last.error());
    result["witnessed"] = *last;
  }
  return Output(result);
}

Result<HandlerOutput> CosignRequest(audit::AuditLog& log, const InboundCall& call) {
  auto request = audit::DecodeCosignRequest(call.envelope.body);
  if (!request) return tl::unexpected(request.error());
  if (request->checkpoint.node != call.envelope.header.from) {
    return Fail(Code::kPermissionDenied,
                "a node may ask co-signatures only of its own checkpoints");
  }
  const protocol::IsaParty* party = call.policy.Party(call.envelope.header.from.value());
  if (party == nullptr) return Fail(Code::kPermissionDenied, "the sender is not a party");
  auto cosignature =
      log.WitnessCheckpoint(party->signing_key, request->checkpoint, request->consistency.proof);
  if (!cosignature) return tl::unexpected(cosignature.error());
  auto encoded = Parsed(audit::EncodeCosignature(*cosignature));
  if (!encoded) return tl::unexpected(encoded.error());
  return Output({{"cosignature", *encoded}});
}

Result<HandlerOutput> InclusionProofRequest(audit::AuditLog& log, const InboundCall& call) {
  auto range = DecodeInclusionProofRequest(call.envelope.body);
  if (!range) return tl::unexpected(range.error());
  const auto [index, size] = *range;
  auto path = log.InclusionProof(index, size);
  if (!path) return tl::unexpected(path.error());
  auto leaf = log.LeafHash(index);
  if (!leaf) return tl::unexpected(leaf.error());
  return HandlerOutput{
      audit::EncodeInclusionProof(audit::InclusionProofMessage{index, size, *leaf, *path}), {}, {}};
}

Result<HandlerOutput> ConsistencyProofRequest(audit::AuditLog& log, const InboundCall& call) {
  auto range = DecodeConsistencyProofRequest(call.envelope.body);
  if (!range) return tl::unexpected(range.error());
  auto proof = log.ConsistencyProof(range->first, range->second);
  if (!proof) return tl::unexpected(proof.error());
  return HandlerOutput{audit::EncodeConsistencyProof(
                           audit::ConsistencyProofMessage{range->first, range->second, *proof}),
                       {},
                       {}};
}

}  // namespace

std::vector<exchange::KindRoute> AuditRoutes(audit::AuditLog& log) {
  using Handler = Result<HandlerOutput> (*)(audit::AuditLog&, const InboundCall&);
  const std::array<std::pair<const char*, Handler>, 4> kRoutes = {{
      {"checkpoint-request", &CheckpointRequest},
      {"cosign-request", &CosignRequest},
      {"inclusion-proof-request", &InclusionProofRequest},
      {"consistency-proof-request", &ConsistencyProofRequest},
  }};
  std::vector<exchange::KindRoute> routes;
  routes.reserve(kRoutes.size());
  for (const auto& [kind, handler] : kRoutes) {
    routes.push_back({kind, "audit-witnessing",
                      [&log, fn = handler](const InboundCall& call) { return fn(log, call); }});
  }
  return routes;
}

}  // namespace tandem::node::endpoints
