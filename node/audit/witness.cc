#include "node/audit/witness.h"

#include <string>

namespace tandem::node::audit {
namespace {

std::string Describe(const SignedCheckpoint& checkpoint) {
  return "the checkpoint of " + checkpoint.node.value() + " at size " +
         std::to_string(checkpoint.tree_size);
}

}  // namespace

Result<Cosignature> Witness(const crypto::VerifyingKey& node_key,
                            const std::optional<SignedCheckpoint>& last_cosigned,
                            const SignedCheckpoint& presented,
                            std::span<const crypto::MerkleHash> consistency_proof,
                            const protocol::NodeId& witness,
                            const crypto::SigningKey& witness_key) {
  if (auto signed_ok = VerifyCheckpoint(presented, node_key); !signed_ok) {
    return Fail(Code::kUnauthenticated, "bad checkpoint signature: " + Describe(presented) +
                                            " is not signed by that node's identity key");
  }
  if (last_cosigned) {
    const SignedCheckpoint& last = *last_cosigned;
    if (!(last.node == presented.node)) {
      return Fail(
          Code::kInvalidArgument,
          Describe(presented) + " cannot be checked against a checkpoint of " + last.node.value());
    }
    if (presented.tree_size < last.tree_size) {
      return Fail(Code::kUnauthenticated,
                  "rollback: " + Describe(presented) + " is smaller than the size " +
                      std::to_string(last.tree_size) + " this witness co-signed before");
    }
    if (auto consistent = crypto::VerifyConsistency(last.tree_size, presented.tree_size,
                                                    consistency_proof, last.root, presented.root);
        !consistent) {
      return Fail(Code::kUnauthenticated,
                  "inconsistent: history rewritten: " + Describe(presented) +
                      " is not an extension of the checkpoint at size " +
                      std::to_string(last.tree_size) + " this witness co-signed before (" +
                      consistent.error().message + ")");
    }
  }
  return Cosign(presented, witness, witness_key);
}

}  // namespace tandem::node::audit
