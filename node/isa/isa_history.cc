#include "node/isa/isa_history.h"

#include <optional>
#include <string>

#include "crypto/digest.h"
#include "node/audit/local_entry.h"

namespace tandem::node::isa {
namespace {

std::string Named(std::string_view id, std::int64_t version) {
  return "ISA " + std::string(id) + " version " + std::to_string(version);
}

std::string Processing(const protocol::Isa& isa, const std::optional<store::IsaHistoryRow>& last) {
  std::string text = Named(isa.id.value(), isa.version) + " in force";
  if (!last) return text + ", the first agreement recorded at this node";
  if (last->isa_id == isa.id.value() && last->version == isa.version) {
    return text + ", replacing a differently signed document of the same version";
  }
  return text + ", replacing " + Named(last->isa_id, last->version);
}

}  // namespace

Result<std::string> SignedContentSha256(const protocol::Isa& isa) {
  auto bytes = protocol::IsaSigningBytes(isa);
  if (!bytes) return tl::unexpected(bytes.error());
  return crypto::Sha256Hex(*bytes);
}

Result<bool> RecordIsaInForce(store::Store& store, const protocol::Isa& isa, std::string_view self,
                              protocol::Seconds now) {
  auto digest = SignedContentSha256(isa);
  if (!digest) return tl::unexpected(digest.error());
  auto last = store.LastIsaInForce();
  if (!last) return tl::unexpected(last.error());
  if (*last && (*last)->isa_id == isa.id.value() && (*last)->version == isa.version &&
      (*last)->signed_sha256 == *digest) {
    return false;
  }
  const std::string processing = Processing(isa, *last);
  auto entry = audit::EncodeLocalChange({.kind = audit::kIsaChangeKind,
                                         .processing = processing,
                                         .sha256_hex = *digest,
                                         .at = now,
                                         .actor = self,
                                         .purpose = "",
                                         .isa_id = isa.id.value(),
                                         .isa_version = isa.version});
  if (!entry) return tl::unexpected(entry.error());
  auto since = protocol::FormatTimestamp(now);
  if (!since) return tl::unexpected(since.error());
  const store::IsaHistoryRow row{isa.id.value(), isa.version, *digest, *since};
  if (auto recorded = store.AppendIsaHistory(row, *entry); !recorded) {
    return tl::unexpected(recorded.error());
  }
  return true;
}

}  // namespace tandem::node::isa
