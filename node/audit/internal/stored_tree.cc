#include "node/audit/internal/stored_tree.h"

#include <algorithm>
#include <bit>
#include <string>

namespace tandem::node::audit::internal {

Result<crypto::MerkleHash> ReadNodeHash(store::internal::Statement& select_node, int level,
                                        std::uint64_t index) {
  select_node.Bind(1, static_cast<std::int64_t>(level)).Bind(2, static_cast<std::int64_t>(index));
  auto row = select_node.Step("reading a hash of the audit tree");
  if (!row) return tl::unexpected(row.error());
  std::optional<crypto::MerkleHash> hash;
  if (*row) {
    const auto blob = select_node.ColumnBlob(0);
    if (blob.size() == crypto::kMerkleHashSize) {
      hash.emplace();
      std::copy(blob.begin(), blob.end(), hash->begin());
    }
  }
  select_node.Reset();
  if (!hash) {
    const std::uint64_t width = std::uint64_t{1} << level;
    return Fail(Code::kCorruption, "the audit log is damaged: the stored hash of entries [" +
                                       std::to_string(index * width) + ", " +
                                       std::to_string((index + 1) * width) +
                                       ") is missing or malformed; run `tandem audit verify`");
  }
  return *hash;
}

Result<crypto::MerkleHash> StoredTree::CompleteSubtreeHash(std::uint64_t start,
                                                           std::uint64_t end) const {
  const std::uint64_t width = end - start;
  const int level = std::countr_zero(width);
  return ReadNodeHash(*select_node_, level, start >> level);
}

}  // namespace tandem::node::audit::internal
