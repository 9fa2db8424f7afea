// JSON encodings of the audit log's messages, as the node's endpoints carry them in envelope
// bodies (docs/audit-log.md, "Messages"): a signed checkpoint, a co-signature, an inclusion
// proof and a consistency proof. Encoders write RFC 8785 canonical JSON. Decoders are strict:
// the text must be strict JSON (valid UTF-8, no duplicate names) holding exactly the members
// listed, each of the right shape; any refusal is kInvalidArgument naming the message and the
// member ("checkpoint member 'root': must be 64 lower-case hex digits"). Decoding checks shape
// only: signatures and proofs are checked by VerifyCheckpoint, VerifyCosignature and crypto's
// VerifyInclusion / VerifyConsistency. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/merkle.h"
#include "node/audit/checkpoint.h"

namespace tandem::node::audit {

// A proof holds at most this many hashes (a tree of 2^64 entries needs 64).
inline constexpr std::size_t kMaxProofHashes = 64;

// {"leaf_index": i, "tree_size": n, "leaf_hash": "<hex>", "path": ["<hex>", ...]}
struct InclusionProofMessage {
  std::uint64_t leaf_index = 0;
  std::uint64_t tree_size = 0;
  crypto::MerkleHash leaf_hash{};
  std::vector<crypto::MerkleHash> path;

  bool operator==(const InclusionProofMessage&) const = default;
};

// {"first": m, "second": n, "proof": ["<hex>", ...]}
struct ConsistencyProofMessage {
  std::uint64_t first = 0;
  std::uint64_t second = 0;
  std::vector<crypto::MerkleHash> proof;

  bool operator==(const ConsistencyProofMessage&) const = default;
};

// {"at": "<RFC 3339>", "node": "<node id>", "root": "<hex>", "sig": "<hex>", "tree_size": n}
// kInvalidArgument for a time outside years 1970..9999 or a tree size above 2^53 - 1.
Result<std::string> EncodeCheckpoint(const SignedCheckpoint& checkpoint);
Result<SignedCheckpoint> DecodeCheckpoint(std::string_view json);

// {"checkpoint": {...}, "sig": "<hex>", "witness": "<node id>"}
Result<std::string> EncodeCosignature(const Cosignature& cosignature);
Result<Cosignature> DecodeCosignature(std::string_view json);

std::string EncodeInclusionProof(const InclusionProofMessage& proof);
Result<InclusionProofMessage> DecodeInclusionProof(std::string_view json);

std::string EncodeConsistencyProof(const ConsistencyProofMessage& proof);
Result<ConsistencyProofMessage> DecodeConsistencyProof(std::string_view json);

}  // namespace tandem::node::audit
