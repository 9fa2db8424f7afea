#include "node/endpoints/proof_request_codec.h"

#include <nlohmann/json.hpp>

#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {
namespace {

// A request kind and the names of its two members, in ProofRange's order.
struct ProofRequestShape {
  std::string_view kind;
  std::string_view first;
  std::string_view second;
};

constexpr ProofRequestShape kInclusion{"inclusion-proof-request", "leaf_index", "tree_size"};
constexpr ProofRequestShape kConsistency{"consistency-proof-request", "first", "second"};

Result<ProofRange> Decode(std::string_view body, const ProofRequestShape& shape) {
  auto json = ParseBody(body, shape.kind);
  if (!json) return tl::unexpected(json.error());
  auto first = CountMember(*json, shape.kind, shape.first);
  if (!first) return tl::unexpected(first.error());
  auto second = CountMember(*json, shape.kind, shape.second);
  if (!second) return tl::unexpected(second.error());
  return ProofRange{*first, *second};
}

std::string Encode(ProofRange range, const ProofRequestShape& shape) {
  return nlohmann::json{{std::string(shape.first), range.first},
                        {std::string(shape.second), range.second}}
      .dump();
}

}  // namespace

Result<ProofRange> DecodeInclusionProofRequest(std::string_view body) {
  return Decode(body, kInclusion);
}

Result<ProofRange> DecodeConsistencyProofRequest(std::string_view body) {
  return Decode(body, kConsistency);
}

std::string EncodeInclusionProofRequest(ProofRange range) { return Encode(range, kInclusion); }

std::string EncodeConsistencyProofRequest(ProofRange range) { return Encode(range, kConsistency); }

}  // namespace tandem::node::endpoints
