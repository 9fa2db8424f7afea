#include "node/tokens/node_share.h"

#include "crypto/digest.h"
#include "node/audit/local_entry.h"
#include "protocol/timestamp.h"

namespace tandem::node::tokens {

Status ImportShare(store::Store& store, const HolderShare& share, std::string_view imported_at,
                   ShareChange change) {
  auto at = protocol::ParseTimestamp(imported_at);
  if (!at) return tl::unexpected(at.error());
  auto existing = store.GetOprfKeyShare();
  if (!existing) return tl::unexpected(existing.error());
  if (*existing && (*existing)->holder_name != share.node) {
    return Fail(Code::kInvalidArgument, "this store holds the share of '" +
                                            (*existing)->holder_name + "', not of '" + share.node +
                                            "'; a data directory belongs to one node");
  }
  auto secret = share.share.ExportSecret();
  if (!secret) return tl::unexpected(secret.error());
  store::OprfKeyShareRow row;
  row.holder_name = share.node;
  row.holder_index = share.share.holder();
  row.epoch = share.share.epoch();
  row.share = std::move(*secret);
  row.public_key_json = PublicKeyJson(share.partnership);
  row.imported_at = std::string(imported_at);
  const std::string processing =
      std::string(change == ShareChange::kImport ? "import" : "refresh") +
      " of the OPRF key share of holder " + std::to_string(row.holder_index) + " of " +
      std::to_string(share.partnership.key.holders()) + ", epoch " + std::to_string(row.epoch);
  const std::string fingerprint = crypto::Sha256Hex(row.public_key_json);
  auto entry = audit::EncodeLocalChange({.kind = audit::kKeyChangeKind,
                                         .processing = processing,
                                         .sha256_hex = fingerprint,
                                         .at = *at});
  if (!entry) return tl::unexpected(entry.error());
  return store.PutOprfKeyShare(row, *entry);
}

Result<std::optional<NodeShare>> LoadNodeShare(store::Store& store) {
  auto row = store.GetOprfKeyShare();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<NodeShare>();
  auto partnership = ParsePublicKeyJson((*row)->public_key_json);
  if (!partnership) {
    return Fail(Code::kCorruption,
                "the stored partnership public key is unreadable: " + partnership.error().message);
  }
  auto share = crypto::KeyShare::FromSecret((*row)->holder_index, (*row)->epoch, (*row)->share);
  if (!share) return Fail(Code::kCorruption, "the stored OPRF key share is unreadable");
  const auto index = (*row)->holder_index;
  if (index < 1 || index > partnership->key.holders() ||
      partnership->key.public_shares()[index - 1] != share->public_share() ||
      partnership->names[index - 1] != (*row)->holder_name) {
    return Fail(Code::kCorruption,
                "the stored OPRF key share does not match the stored public key");
  }
  return std::optional<NodeShare>(NodeShare{(*row)->holder_name, std::move(*share),
                                            std::move(*partnership), (*row)->imported_at});
}

}  // namespace tandem::node::tokens
