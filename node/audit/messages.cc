#include "node/audit/messages.h"

#include "crypto/hex.h"
#include "node/audit/internal/checkpoint_json.h"
#include "node/audit/internal/json.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit {
namespace {

using internal::AppendMember;

void AppendHashList(std::string& out, const std::vector<crypto::MerkleHash>& hashes) {
  out.push_back('[');
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    if (i > 0) out.push_back(',');
    protocol::AppendCanonicalJsonString(out, crypto::EncodeHex(hashes[i]));
  }
  out.push_back(']');
}

}  // namespace

Result<std::string> EncodeCheckpoint(const SignedCheckpoint& checkpoint) {
  return internal::CheckpointJson(checkpoint, /*with_sig=*/true);
}

Result<SignedCheckpoint> DecodeCheckpoint(std::string_view json) {
  auto object =
      internal::ParseObject(json, "checkpoint", {"at", "node", "root", "sig", "tree_size"});
  if (!object) return tl::unexpected(object.error());
  return internal::CheckpointFromJson(*object, "checkpoint");
}

Result<std::string> EncodeCosignature(const Cosignature& cosignature) {
  auto checkpoint = internal::CheckpointJson(cosignature.checkpoint, /*with_sig=*/true);
  if (!checkpoint) return checkpoint;
  std::string out = "{";
  AppendMember(out, "checkpoint");
  out += *checkpoint;
  out.push_back(',');
  AppendMember(out, "sig");
  protocol::AppendCanonicalJsonString(out, crypto::EncodeHex(cosignature.sig));
  out.push_back(',');
  AppendMember(out, "witness");
  protocol::AppendCanonicalJsonString(out, cosignature.witness.value());
  out.push_back('}');
  return out;
}

Result<Cosignature> DecodeCosignature(std::string_view json) {
  constexpr std::string_view kWhat = "co-signature";
  auto object = internal::ParseObject(json, kWhat, {"checkpoint", "sig", "witness"});
  if (!object) return tl::unexpected(object.error());
  const auto it = object->find("checkpoint");
  if (it == object->end()) return internal::MemberError(kWhat, "checkpoint", "missing");
  auto checkpoint = internal::CheckpointFromJson(*it, "co-signature checkpoint");
  if (!checkpoint) return tl::unexpected(checkpoint.error());
  auto witness_text = internal::StringMember(*object, kWhat, "witness");
  if (!witness_text) return tl::unexpected(witness_text.error());
  auto witness = protocol::NodeId::Create(*witness_text);
  if (!witness) return internal::MemberError(kWhat, "witness", witness.error().message);
  auto sig_text = internal::StringMember(*object, kWhat, "sig");
  if (!sig_text) return tl::unexpected(sig_text.error());
  crypto::Ed25519Signature sig{};
  if (!internal::ParseHex(*sig_text, sig)) {
    return internal::MemberError(kWhat, "sig", "must be 128 lower-case hex digits");
  }
  return Cosignature{*std::move(witness), *std::move(checkpoint), sig};
}

std::string EncodeInclusionProof(const InclusionProofMessage& proof) {
  std::string out = "{";
  AppendMember(out, "leaf_hash");
  protocol::AppendCanonicalJsonString(out, crypto::EncodeHex(proof.leaf_hash));
  out.push_back(',');
  AppendMember(out, "leaf_index");
  out += std::to_string(proof.leaf_index);
  out.push_back(',');
  AppendMember(out, "path");
  AppendHashList(out, proof.path);
  out.push_back(',');
  AppendMember(out, "tree_size");
  out += std::to_string(proof.tree_size);
  out.push_back('}');
  return out;
}

Result<InclusionProofMessage> DecodeInclusionProof(std::string_view json) {
  constexpr std::string_view kWhat = "inclusion proof";
  auto object =
      internal::ParseObject(json, kWhat, {"leaf_hash", "leaf_index", "path", "tree_size"});
  if (!object) return tl::unexpected(object.error());
  InclusionProofMessage message;
  auto index = internal::IntegerMember(*object, kWhat, "leaf_index");
  if (!index) return tl::unexpected(index.error());
  auto size = internal::IntegerMember(*object, kWhat, "tree_size");
  if (!size) return tl::unexpected(size.error());
  auto leaf = internal::HashMember(*object, kWhat, "leaf_hash");
  if (!leaf) return tl::unexpected(leaf.error());
  auto path = internal::HashListMember(*object, kWhat, "path", kMaxProofHashes);
  if (!path) return tl::unexpected(path.error());
  return InclusionProofMessage{*index, *size, *leaf, *std::move(path)};
}

std::string EncodeConsistencyProof(const ConsistencyProofMessage& proof) {
  std::string out = "{";
  AppendMember(out, "first");
  out += std::to_string(proof.first);
  out.push_back(',');
  AppendMember(out, "proof");
  AppendHashList(out, proof.proof);
  out.push_back(',');
  AppendMember(out, "second");
  out += std::to_string(proof.second);
  out.push_back('}');
  return out;
}

Result<ConsistencyProofMessage> DecodeConsistencyProof(std::string_view json) {
  constexpr std::string_view kWhat = "consistency proof";
  auto object = internal::ParseObject(json, kWhat, {"first", "proof", "second"});
  if (!object) return tl::unexpected(object.error());
  auto first = internal::IntegerMember(*object, kWhat, "first");
  if (!first) return tl::unexpected(first.error());
  auto second = internal::IntegerMember(*object, kWhat, "second");
  if (!second) return tl::unexpected(second.error());
  auto proof = internal::HashListMember(*object, kWhat, "proof", kMaxProofHashes);
  if (!proof) return tl::unexpected(proof.error());
  return ConsistencyProofMessage{*first, *second, *std::move(proof)};
}

}  // namespace tandem::node::audit
