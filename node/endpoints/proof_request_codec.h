// The bodies of the two audit proof requests a peer answers from its log:
//   inclusion-proof-request   {"leaf_index": i, "tree_size": n}
//   consistency-proof-request {"first": m, "second": n}
// Only the shape is read here; whether the range lies inside the log is AuditLog's to check.
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::endpoints {

// The two numbers of a proof request, in the order listed above.
struct ProofRange {
  std::uint64_t first = 0;
  std::uint64_t second = 0;

  bool operator==(const ProofRange&) const = default;
};

// kInvalidArgument naming the message kind and the member (never a value) when the body is not a
// JSON object or a member is missing or not an integer from 0 to 2^53-1.
Result<ProofRange> DecodeInclusionProofRequest(std::string_view body);
Result<ProofRange> DecodeConsistencyProofRequest(std::string_view body);

std::string EncodeInclusionProofRequest(ProofRange range);
std::string EncodeConsistencyProofRequest(ProofRange range);

}  // namespace tandem::node::endpoints
