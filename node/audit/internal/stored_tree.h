// crypto::MerkleNodeSource over audit.db's nodes table: the hash of a complete subtree
// [start, end) is one indexed read of (level = log2(end - start), idx = start / (end -
// start)), unless an UpperLevels copy in memory holds it. Holds a view of the connection and
// a fixed size (the durable size when made).
// Not thread-safe: use under the owner's lock, ideally inside one read transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "crypto/merkle.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::audit::internal {

// The stored hashes of the upper levels of the tree (every complete subtree of at least
// 2^kLowestLevel entries: about 2 x 32 / 2^kLowestLevel bytes per entry, 2.5 MB at 10 million
// entries), copied into memory so that a proof reads only the lowest kLowestLevel levels from
// the database. Each level holds the longest prefix of stored hashes that are present and 32
// bytes long; anything beyond it (a damaged or missing stored hash) is left to the database
// read, which reports it as before.
// Thread-compatible: the owner serialises Add against Find.
class UpperLevels {
 public:
  static constexpr int kLowestLevel = 8;

  // Loads the upper levels of a tree of `size` entries. `select_level` must be
  // "SELECT idx, hash FROM nodes WHERE level = ?1 ORDER BY idx". Storage errors as they come.
  Status Load(store::internal::Statement& select_level, std::uint64_t size);
  // Records the stored hash of subtree `index` of `level` (ignored below kLowestLevel or when
  // it does not extend the level's prefix). Called after the hash is committed.
  void Add(int level, std::uint64_t index, const crypto::MerkleHash& hash);
  // The hash of subtree `index` of `level` when held here.
  const crypto::MerkleHash* Find(int level, std::uint64_t index) const;
  // Hashes held, all levels together.
  std::size_t count() const;

 private:
  // levels_[h - kLowestLevel][j]: the hash of entries [j * 2^h, (j + 1) * 2^h).
  std::vector<std::vector<crypto::MerkleHash>> levels_;
};

class StoredTree : public crypto::MerkleNodeSource {
 public:
  // The statement must be "SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2". `upper`, when
  // given, answers for the levels it holds and must not change while this tree is used.
  StoredTree(store::internal::Statement& select_node, std::uint64_t size,
             const UpperLevels* upper = nullptr)
      : select_node_(&select_node), size_(size), upper_(upper) {}

  std::uint64_t size() const override { return size_; }
  // kCorruption when the hash is missing or not 32 bytes; storage errors as they come.
  Result<crypto::MerkleHash> CompleteSubtreeHash(std::uint64_t start,
                                                 std::uint64_t end) const override;

 private:
  store::internal::Statement* select_node_;
  std::uint64_t size_;
  const UpperLevels* upper_;
};

// The stored hash at (level, idx) through `select_node`; kCorruption when missing or damaged.
Result<crypto::MerkleHash> ReadNodeHash(store::internal::Statement& select_node, int level,
                                        std::uint64_t index);

}  // namespace tandem::node::audit::internal
