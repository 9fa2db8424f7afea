#include "node/audit/internal/frontier.h"

namespace tandem::node::audit::internal {

void Frontier::Append(
    const crypto::MerkleHash& leaf_hash,
    const std::function<void(int, std::uint64_t, const crypto::MerkleHash&)>& emit) {
  crypto::MerkleHash hash = leaf_hash;
  std::uint64_t index = size_;
  int level = 0;
  emit(0, index, hash);
  // Binary carry: every set low bit of the old size is a complete left sibling to merge with.
  while ((index & 1) != 0) {
    hash = crypto::HashMerkleNode(levels_[level], hash);
    ++level;
    index >>= 1;
    emit(level, index, hash);
  }
  levels_[level] = hash;
  ++size_;
}

crypto::MerkleHash Frontier::Root() const {
  if (size_ == 0) return crypto::EmptyMerkleTreeHash();
  // Fold the edge subtrees from the right (smallest) to the left (largest), as RFC 9162's
  // split at the largest power of two does.
  int level = 0;
  while ((size_ & (std::uint64_t{1} << level)) == 0) ++level;
  crypto::MerkleHash root = levels_[level];
  for (++level; level < 64; ++level) {
    if ((size_ & (std::uint64_t{1} << level)) != 0)
      root = crypto::HashMerkleNode(levels_[level], root);
  }
  return root;
}

}  // namespace tandem::node::audit::internal
