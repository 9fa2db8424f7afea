#include "node/audit/checkpoint.h"

#include <span>

#include "crypto/bytes.h"
#include "node/audit/internal/checkpoint_json.h"

namespace tandem::node::audit {
namespace {

using crypto::Bytes;

std::string WithContext(std::string_view context, std::string_view json) {
  std::string input;
  input.reserve(context.size() + 1 + json.size());
  input.append(context);
  input.push_back('\0');
  input.append(json);
  return input;
}

}  // namespace

Result<std::string> CheckpointSigningBytes(const SignedCheckpoint& checkpoint) {
  auto json = internal::CheckpointJson(checkpoint, /*with_sig=*/false);
  if (!json) return json;
  return WithContext(kCheckpointSignatureContext, *json);
}

Result<SignedCheckpoint> SignCheckpoint(const protocol::NodeId& node, std::uint64_t tree_size,
                                        const crypto::MerkleHash& root, protocol::Seconds at,
                                        const crypto::SigningKey& key) {
  SignedCheckpoint checkpoint{node, tree_size, root, at, {}};
  auto input = CheckpointSigningBytes(checkpoint);
  if (!input) return tl::unexpected(input.error());
  checkpoint.sig = key.Sign(Bytes(*input));
  return checkpoint;
}

Status VerifyCheckpoint(const SignedCheckpoint& checkpoint, const crypto::VerifyingKey& node_key) {
  auto input = CheckpointSigningBytes(checkpoint);
  if (!input) return tl::unexpected(input.error());
  if (!node_key.Verify(Bytes(*input), checkpoint.sig)) {
    return Fail(Code::kUnauthenticated,
                "the signature of the checkpoint of " + checkpoint.node.value() + " at size " +
                    std::to_string(checkpoint.tree_size) + " does not verify");
  }
  return Ok();
}

Result<std::string> CosignatureSigningBytes(const SignedCheckpoint& checkpoint) {
  auto json = internal::CheckpointJson(checkpoint, /*with_sig=*/true);
  if (!json) return json;
  return WithContext(kCosignatureContext, *json);
}

Result<Cosignature> Cosign(const SignedCheckpoint& checkpoint, const protocol::NodeId& witness,
                           const crypto::SigningKey& witness_key) {
  auto input = CosignatureSigningBytes(checkpoint);
  if (!input) return tl::unexpected(input.error());
  return Cosignature{witness, checkpoint, witness_key.Sign(Bytes(*input))};
}

Status VerifyCosignature(const Cosignature& cosignature, const crypto::VerifyingKey& witness_key) {
  auto input = CosignatureSigningBytes(cosignature.checkpoint);
  if (!input) return tl::unexpected(input.error());
  if (!witness_key.Verify(Bytes(*input), cosignature.sig)) {
    return Fail(Code::kUnauthenticated, "the co-signature by " + cosignature.witness.value() +
                                            " of the checkpoint at size " +
                                            std::to_string(cosignature.checkpoint.tree_size) +
                                            " does not verify");
  }
  return Ok();
}

}  // namespace tandem::node::audit
