// RFC 9162 (Certificate Transparency v2) Merkle tree hashing for the audit log: leaf and node
// hashes, the Merkle Tree Hash of n leaves, inclusion and consistency proofs (generation and
// verification). No storage here: proofs are generated over a MerkleNodeSource, which a
// storage-backed log implements by returning hashes of complete subtrees it has kept;
// InMemoryMerkleTree is the in-memory implementation for tests and small trees.
//
// Error convention (docs/audit-log.md):
// - kInvalidArgument: the request or claim is structurally impossible whatever the hashes are
//   (leaf index >= tree size, tree size 0 for inclusion, first size > second size, a tree size
//   beyond what the source holds).
// - kUnauthenticated: the claim is possible but the proof does not prove it (wrong hashes,
//   wrong length, wrong index for the proof, wrong roots).
// - Any error a MerkleNodeSource returns (e.g. kCorruption, kUnavailable from storage) is
//   passed through unchanged by the generators.
//
// All free functions are pure and thread-safe. InMemoryMerkleTree is thread-compatible: const
// methods may run concurrently with each other, not with Append.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"

namespace tandem::crypto {

inline constexpr std::size_t kMerkleHashSize = 32;  // SHA-256

using MerkleHash = std::array<std::uint8_t, kMerkleHashSize>;

// SHA-256(0x00 || leaf): the hash of one log entry (RFC 9162 §2.1.1).
MerkleHash HashMerkleLeaf(std::span<const std::uint8_t> leaf);

// SHA-256(0x01 || left || right): the hash of an interior node (RFC 9162 §2.1.1).
MerkleHash HashMerkleNode(const MerkleHash& left, const MerkleHash& right);

// SHA-256 of the empty string: the Merkle Tree Hash of the empty tree.
MerkleHash EmptyMerkleTreeHash();

// The Merkle Tree Hash of the leaves whose leaf hashes are given, in order (RFC 9162 §2.1.1:
// split at the largest power of two smaller than n). Empty input gives EmptyMerkleTreeHash().
MerkleHash MerkleTreeHash(std::span<const MerkleHash> leaf_hashes);

// Where proof generation reads node hashes from. An implementation holds the leaf hashes of a
// log of size() leaves (and, ideally, the hashes of complete subtrees, so a proof costs
// O(log n) reads instead of O(n) hashes).
class MerkleNodeSource {
 public:
  virtual ~MerkleNodeSource() = default;

  // The number of leaves held.
  virtual std::uint64_t size() const = 0;

  // The Merkle Tree Hash of the complete subtree of leaves [start, end). Callers guarantee
  // that end - start is a power of two, that start is a multiple of it and that end <= size();
  // [i, i + 1) is leaf i's leaf hash. Errors are the implementation's (e.g. kCorruption when
  // stored hashes are damaged) and are passed through to the caller of the generator.
  virtual Result<MerkleHash> CompleteSubtreeHash(std::uint64_t start, std::uint64_t end) const = 0;
};

// The Merkle Tree Hash of the first tree_size leaves of `source` (any tree_size <= size(), so
// the roots of earlier checkpoints can be recomputed). kInvalidArgument if tree_size > size().
Result<MerkleHash> MerkleRootAt(const MerkleNodeSource& source, std::uint64_t tree_size);

// The inclusion proof (audit path, RFC 9162 §2.1.3.1 PATH) of leaf `leaf_index` in the tree
// of the first `tree_size` leaves of `source`, ordered from the leaf upwards.
// kInvalidArgument if leaf_index >= tree_size or tree_size > source.size().
Result<std::vector<MerkleHash>> InclusionProof(const MerkleNodeSource& source,
                                               std::uint64_t leaf_index, std::uint64_t tree_size);

// The consistency proof (RFC 9162 §2.1.4.1 PROOF) that the tree of the first `first` leaves is
// a prefix of the tree of the first `second` leaves. Empty when first == second or first == 0.
// kInvalidArgument if first > second or second > source.size().
Result<std::vector<MerkleHash>> ConsistencyProof(const MerkleNodeSource& source,
                                                 std::uint64_t first, std::uint64_t second);

// Success when `proof` proves that `leaf_hash` is leaf `leaf_index` of the tree of size
// `tree_size` whose root is `root` (the RFC 9162 §2.1.3.2 algorithm, exactly).
// kInvalidArgument if leaf_index >= tree_size; kUnauthenticated for any other failure.
Status VerifyInclusion(const MerkleHash& leaf_hash, std::uint64_t leaf_index,
                       std::uint64_t tree_size, std::span<const MerkleHash> proof,
                       const MerkleHash& root);

// Success when `proof` proves that the tree of size `first` with root `first_root` is a prefix
// of the tree of size `second` with root `second_root` (the RFC 9162 §2.1.4.2 algorithm,
// exactly, for 0 < first < second). Outside that range, as RFC 9162 leaves it to the caller:
// first == second verifies iff the proof is empty and the roots are equal; first == 0
// verifies iff the proof is empty and first_root is EmptyMerkleTreeHash() (the empty tree is a
// prefix of every tree). kInvalidArgument if first > second; kUnauthenticated for any other
// failure.
Status VerifyConsistency(std::uint64_t first, std::uint64_t second,
                         std::span<const MerkleHash> proof, const MerkleHash& first_root,
                         const MerkleHash& second_root);

// An append-only Merkle tree held in memory: the leaf hashes and every complete subtree hash
// above them (about 2 x 32 bytes per leaf), so appends cost one leaf hash plus amortised one
// node hash, and CompleteSubtreeHash is a lookup. Copyable (it is plain data).
class InMemoryMerkleTree : public MerkleNodeSource {
 public:
  InMemoryMerkleTree() = default;

  // Appends one entry (hashed with HashMerkleLeaf) and returns its leaf index.
  std::uint64_t Append(std::span<const std::uint8_t> leaf);
  // Appends an already computed leaf hash and returns its leaf index.
  std::uint64_t AppendLeafHash(const MerkleHash& leaf_hash);

  // The Merkle Tree Hash of all leaves held (EmptyMerkleTreeHash() when there are none).
  MerkleHash Root() const;

  std::uint64_t size() const override;
  // As MerkleNodeSource; kInvalidArgument if the range is not a complete subtree held here.
  Result<MerkleHash> CompleteSubtreeHash(std::uint64_t start, std::uint64_t end) const override;

 private:
  // levels_[h][j] is the hash of leaves [j * 2^h, (j + 1) * 2^h); levels_[0] are leaf hashes.
  std::vector<std::vector<MerkleHash>> levels_;
};

}  // namespace tandem::crypto
