#include "node/audit/internal/checkpoint_json.h"

#include "crypto/hex.h"
#include "node/audit/internal/json.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit::internal {

Result<std::string> CheckpointJson(const SignedCheckpoint& checkpoint, bool with_sig) {
  auto at = protocol::FormatTimestamp(checkpoint.at);
  if (!at) return Fail(Code::kInvalidArgument, "checkpoint time: " + at.error().message);
  if (checkpoint.tree_size > kMaxSafeInteger) {
    return Fail(Code::kInvalidArgument, "checkpoint tree size is above 2^53 - 1");
  }
  std::string out;
  out.reserve(320);
  out.push_back('{');
  AppendMember(out, "at");
  protocol::AppendCanonicalJsonString(out, *at);
  out.push_back(',');
  AppendMember(out, "node");
  protocol::AppendCanonicalJsonString(out, checkpoint.node.value());
  out.push_back(',');
  AppendMember(out, "root");
  protocol::AppendCanonicalJsonString(out, crypto::EncodeHex(checkpoint.root));
  out.push_back(',');
  if (with_sig) {
    AppendMember(out, "sig");
    protocol::AppendCanonicalJsonString(out, crypto::EncodeHex(checkpoint.sig));
    out.push_back(',');
  }
  AppendMember(out, "tree_size");
  out += std::to_string(checkpoint.tree_size);
  out.push_back('}');
  return out;
}

Result<SignedCheckpoint> CheckpointFromJson(const nlohmann::json& object, std::string_view what) {
  if (auto shape = CheckObject(object, what, {"at", "node", "root", "sig", "tree_size"}); !shape) {
    return tl::unexpected(shape.error());
  }
  auto node_text = StringMember(object, what, "node");
  if (!node_text) return tl::unexpected(node_text.error());
  auto node = protocol::NodeId::Create(*node_text);
  if (!node) return MemberError(what, "node", node.error().message);
  auto tree_size = IntegerMember(object, what, "tree_size");
  if (!tree_size) return tl::unexpected(tree_size.error());
  auto root = HashMember(object, what, "root");
  if (!root) return tl::unexpected(root.error());
  auto at_text = StringMember(object, what, "at");
  if (!at_text) return tl::unexpected(at_text.error());
  auto at = protocol::ParseTimestamp(*at_text);
  if (!at) return MemberError(what, "at", at.error().message);
  auto sig_text = StringMember(object, what, "sig");
  if (!sig_text) return tl::unexpected(sig_text.error());
  crypto::Ed25519Signature sig{};
  if (!ParseHex(*sig_text, sig)) {
    return MemberError(what, "sig", "must be 128 lower-case hex digits");
  }
  return SignedCheckpoint{*std::move(node), *tree_size, *root, *at, sig};
}

}  // namespace tandem::node::audit::internal
