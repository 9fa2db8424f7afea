// crypto::MerkleNodeSource over audit.db's nodes table: the hash of a complete subtree
// [start, end) is one indexed read of (level = log2(end - start), idx = start / (end -
// start)). Holds a view of the connection and a fixed size (the durable size when made).
// Not thread-safe: use under the owner's lock, ideally inside one read transaction.
#pragma once

#include <cstdint>
#include <optional>

#include "crypto/merkle.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::audit::internal {

class StoredTree : public crypto::MerkleNodeSource {
 public:
  // The statement must be "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2".
  StoredTree(store::internal::Statement& select_node, std::uint64_t size)
      : select_node_(&select_node), size_(size) {}

  std::uint64_t size() const override { return size_; }
  // kCorruption when the hash is missing or not 32 bytes; storage errors as they come.
  Result<crypto::MerkleHash> CompleteSubtreeHash(std::uint64_t start,
                                                 std::uint64_t end) const override;

 private:
  store::internal::Statement* select_node_;
  std::uint64_t size_;
};

// The stored hash at (level, idx) through `select_node`; kCorruption when missing or damaged.
Result<crypto::MerkleHash> ReadNodeHash(store::internal::Statement& select_node, int level,
                                        std::uint64_t index);

}  // namespace tandem::node::audit::internal
