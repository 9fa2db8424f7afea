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

Status UpperLevels::Load(store::internal::Statement& select_level, std::uint64_t size) {
  levels_.clear();
  for (int level = kLowestLevel; level < 64 && (size >> level) > 0; ++level) {
    const std::uint64_t count = size >> level;
    auto& hashes = levels_.emplace_back();
    hashes.reserve(count);
    select_level.Bind(1, static_cast<std::int64_t>(level));
    for (;;) {
      auto row = select_level.Step("reading the upper levels of the audit tree");
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      const auto index = static_cast<std::uint64_t>(select_level.ColumnInt(0));
      const auto blob = select_level.ColumnBlob(1);
      // Stop at the first gap or damaged hash: the database read beyond it reports it.
      if (index != hashes.size() || index >= count || blob.size() != crypto::kMerkleHashSize) {
        break;
      }
      std::copy(blob.begin(), blob.end(), hashes.emplace_back().begin());
    }
    select_level.Reset();
  }
  return Ok();
}

void UpperLevels::Add(int level, std::uint64_t index, const crypto::MerkleHash& hash) {
  if (level < kLowestLevel) return;
  const auto slot = static_cast<std::size_t>(level - kLowestLevel);
  if (slot == levels_.size() && index == 0) levels_.emplace_back();
  if (slot >= levels_.size() || levels_[slot].size() != index) return;
  levels_[slot].push_back(hash);
}

const crypto::MerkleHash* UpperLevels::Find(int level, std::uint64_t index) const {
  if (level < kLowestLevel) return nullptr;
  const auto slot = static_cast<std::size_t>(level - kLowestLevel);
  if (slot >= levels_.size() || index >= levels_[slot].size()) return nullptr;
  return &levels_[slot][index];
}

std::size_t UpperLevels::count() const {
  std::size_t total = 0;
  for (const auto& level : levels_) total += level.size();
  return total;
}

Result<crypto::MerkleHash> StoredTree::CompleteSubtreeHash(std::uint64_t start,
                                                           std::uint64_t end) const {
  const std::uint64_t width = end - start;
  const int level = std::countr_zero(width);
  if (upper_ != nullptr) {
    if (const crypto::MerkleHash* hash = upper_->Find(level, start >> level)) return *hash;
  }
  return ReadNodeHash(*select_node_, level, start >> level);
}

}  // namespace tandem::node::audit::internal
