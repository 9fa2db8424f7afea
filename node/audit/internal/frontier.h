// The right edge of an append-only Merkle tree: for each level h whose bit is set in the tree
// size, the hash of the complete subtree of 2^h entries that is not yet paired. Enough to
// append (which yields the hashes of the subtrees the new leaf completes, for storing) and to
// compute the root, in O(log n) memory. Used by the writer and by VerifyLog.
// Thread-compatible plain data.
#pragma once

#include <array>
#include <cstdint>
#include <functional>

#include "crypto/merkle.h"

namespace tandem::node::audit::internal {

class Frontier {
 public:
  std::uint64_t size() const { return size_; }

  // Adds leaf `size()`; calls `emit(level, index, hash)` for the leaf (level 0) and for each
  // complete subtree it completes, lowest first.
  void Append(const crypto::MerkleHash& leaf_hash,
              const std::function<void(int level, std::uint64_t index,
                                       const crypto::MerkleHash& hash)>& emit);
  // The Merkle Tree Hash of the size() leaves (EmptyMerkleTreeHash() for none).
  crypto::MerkleHash Root() const;

  // Sets the frontier of a tree of `size` leaves from its edge subtrees: `edge(level, index)`
  // gives the hash of complete subtree `index` of `level` for each set bit of `size`.
  template <class EdgeFn>
  bool Load(std::uint64_t size, EdgeFn edge) {
    std::uint64_t start = 0;
    for (int level = 63; level >= 0; --level) {
      const std::uint64_t width = std::uint64_t{1} << level;
      if ((size & width) == 0) continue;
      if (!edge(level, start >> level, levels_[level])) return false;
      start += width;
    }
    size_ = size;
    return true;
  }

 private:
  std::array<crypto::MerkleHash, 64> levels_{};
  std::uint64_t size_ = 0;
};

}  // namespace tandem::node::audit::internal
