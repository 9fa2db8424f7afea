// Signed checkpoints of an audit log and co-signatures by witnesses (docs/audit-log.md,
// "Checkpoints" and "Witnessing").
//
// A checkpoint {node, tree_size, root, at} is signed by the logging node's Ed25519 identity key
// over "tandem-checkpoint-v1" || 0x00 || JCS({at, node, root, tree_size}). A witness co-signs a
// checkpoint it has checked with its own identity key over "tandem-cosign-v1" || 0x00 ||
// JCS(the checkpoint including its sig), i.e. over EncodeCheckpoint(checkpoint). The context
// strings keep these signatures from ever being mistaken for envelope or ISA signatures made
// with the same keys.
//
// Pure functions; thread-safe. Errors: kInvalidArgument for a time outside years 1970..9999;
// kUnauthenticated when a signature does not verify.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/merkle.h"
#include "crypto/signing.h"
#include "protocol/ids.h"
#include "protocol/timestamp.h"

namespace tandem::node::audit {

inline constexpr std::string_view kCheckpointSignatureContext = "tandem-checkpoint-v1";
inline constexpr std::string_view kCosignatureContext = "tandem-cosign-v1";

struct SignedCheckpoint {
  protocol::NodeId node;  // whose log
  std::uint64_t tree_size = 0;
  crypto::MerkleHash root{};  // Merkle Tree Hash of the first tree_size entries
  protocol::Seconds at;       // when it was signed (the node's clock)
  crypto::Ed25519Signature sig{};

  bool operator==(const SignedCheckpoint&) const = default;
};

// A witness's signature over a checkpoint it checked.
struct Cosignature {
  protocol::NodeId witness;  // the co-signing node
  SignedCheckpoint checkpoint;
  crypto::Ed25519Signature sig{};

  bool operator==(const Cosignature&) const = default;
};

// "tandem-checkpoint-v1" || 0x00 || JCS of the checkpoint without `sig`.
Result<std::string> CheckpointSigningBytes(const SignedCheckpoint& checkpoint);

// The checkpoint of (node, tree_size, root, at) signed with `key`.
Result<SignedCheckpoint> SignCheckpoint(const protocol::NodeId& node, std::uint64_t tree_size,
                                        const crypto::MerkleHash& root, protocol::Seconds at,
                                        const crypto::SigningKey& key);

// Success when `checkpoint.sig` is `node_key`'s signature over the checkpoint.
Status VerifyCheckpoint(const SignedCheckpoint& checkpoint, const crypto::VerifyingKey& node_key);

// "tandem-cosign-v1" || 0x00 || EncodeCheckpoint(checkpoint).
Result<std::string> CosignatureSigningBytes(const SignedCheckpoint& checkpoint);

// The co-signature of `checkpoint` by `witness` with `witness_key` (no checks: see Witness in
// witness.h for the function that checks before signing).
Result<Cosignature> Cosign(const SignedCheckpoint& checkpoint, const protocol::NodeId& witness,
                           const crypto::SigningKey& witness_key);

// Success when `cosignature.sig` is `witness_key`'s co-signature of cosignature.checkpoint.
Status VerifyCosignature(const Cosignature& cosignature, const crypto::VerifyingKey& witness_key);

}  // namespace tandem::node::audit
