#include "crypto/merkle.h"

#include <sodium.h>

#include <bit>
#include <string>

#include "core/check.h"

namespace tandem::crypto {
namespace {

constexpr std::uint8_t kLeafPrefix = 0x00;
constexpr std::uint8_t kNodePrefix = 0x01;

// The largest power of two smaller than n (n >= 2): the split point k of RFC 9162 §2.1.1.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[start:end]) from complete-subtree reads. Every range reached from [0, n) by the RFC's
// splits starts at a multiple of the smallest power of two >= its length, so each power-of-two
// range met here is a complete subtree the source can answer directly.
Result<MerkleHash> RangeHash(const MerkleNodeSource& source, std::uint64_t start,
                             std::uint64_t end) {
  TANDEM_CHECK(end > start);
  const std::uint64_t n = end - start;
  if (std::has_single_bit(n)) {
    TANDEM_CHECK(start % n == 0);
    return source.CompleteSubtreeHash(start, end);
  }
  const std::uint64_t k = SplitPoint(n);
  Result<MerkleHash> left = RangeHash(source, start, start + k);
  if (!left) return left;
  Result<MerkleHash> right = RangeHash(source, start + k, end);
  if (!right) return right;
  return HashMerkleNode(*left, *right);
}

// PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, appended to `proof` (deepest element first).
Status AppendPath(const MerkleNodeSource& source, std::uint64_t m, std::uint64_t start,
                  std::uint64_t end, std::vector<MerkleHash>& proof) {
  const std::uint64_t n = end - start;
  if (n <= 1) return Ok();
  const std::uint64_t k = SplitPoint(n);
  Result<MerkleHash> sibling;
  if (m < k) {
    if (Status s = AppendPath(source, m, start, start + k, proof); !s) return s;
    sibling = RangeHash(source, start + k, end);
  } else {
    if (Status s = AppendPath(source, m - k, start + k, end, proof); !s) return s;
    sibling = RangeHash(source, start, start + k);
  }
  if (!sibling) return tl::unexpected(sibling.error());
  proof.push_back(*sibling);
  return Ok();
}

// SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, appended to `proof`.
Status AppendSubproof(const MerkleNodeSource& source, std::uint64_t m, std::uint64_t start,
                      std::uint64_t end, bool b, std::vector<MerkleHash>& proof) {
  const std::uint64_t n = end - start;
  if (m == n) {
    if (b) return Ok();
    Result<MerkleHash> whole = RangeHash(source, start, end);
    if (!whole) return tl::unexpected(whole.error());
    proof.push_back(*whole);
    return Ok();
  }
  const std::uint64_t k = SplitPoint(n);
  Result<MerkleHash> sibling;
  if (m <= k) {
    if (Status s = AppendSubproof(source, m, start, start + k, b, proof); !s) return s;
    sibling = RangeHash(source, start + k, end);
  } else {
    if (Status s = AppendSubproof(source, m - k, start + k, end, false, proof); !s) return s;
    sibling = RangeHash(source, start, start + k);
  }
  if (!sibling) return tl::unexpected(sibling.error());
  proof.push_back(*sibling);
  return Ok();
}

bool HashesEqual(const MerkleHash& a, const MerkleHash& b) {
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Right-shifts fn and sn together until LSB(fn) is set or fn is 0 (RFC 9162 §2.1.3.2 step
// 4.b.ii and §2.1.4.2 step 6.b.ii).
void ShiftUntilOddOrZero(std::uint64_t& fn, std::uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

Status Unauthenticated(const char* what) { return Fail(Code::kUnauthenticated, what); }

}  // namespace

MerkleHash HashMerkleLeaf(std::span<const std::uint8_t> leaf) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &kLeafPrefix, 1);
  crypto_hash_sha256_update(&state, leaf.data(), leaf.size());
  MerkleHash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

MerkleHash HashMerkleNode(const MerkleHash& left, const MerkleHash& right) {
  std::array<std::uint8_t, 1 + 2 * kMerkleHashSize> input{};
  input[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), input.begin() + 1);
  std::copy(right.begin(), right.end(), input.begin() + 1 + kMerkleHashSize);
  MerkleHash out;
  crypto_hash_sha256(out.data(), input.data(), input.size());
  return out;
}

MerkleHash EmptyMerkleTreeHash() {
  MerkleHash out;
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

MerkleHash MerkleTreeHash(std::span<const MerkleHash> leaf_hashes) {
  const std::size_t n = leaf_hashes.size();
  if (n == 0) return EmptyMerkleTreeHash();
  if (n == 1) return leaf_hashes[0];
  const std::size_t k = SplitPoint(n);
  return HashMerkleNode(MerkleTreeHash(leaf_hashes.first(k)),
                        MerkleTreeHash(leaf_hashes.subspan(k)));
}

Result<MerkleHash> MerkleRootAt(const MerkleNodeSource& source, std::uint64_t tree_size) {
  if (tree_size > source.size()) {
    return Fail(Code::kInvalidArgument, "tree size " + std::to_string(tree_size) +
                                            " is larger than the log (" +
                                            std::to_string(source.size()) + " entries)");
  }
  if (tree_size == 0) return EmptyMerkleTreeHash();
  return RangeHash(source, 0, tree_size);
}

Result<std::vector<MerkleHash>> InclusionProof(const MerkleNodeSource& source,
                                               std::uint64_t leaf_index, std::uint64_t tree_size) {
  if (leaf_index >= tree_size) {
    return Fail(Code::kInvalidArgument, "leaf index " + std::to_string(leaf_index) +
                                            " is not in a tree of size " +
                                            std::to_string(tree_size));
  }
  if (tree_size > source.size()) {
    return Fail(Code::kInvalidArgument, "tree size " + std::to_string(tree_size) +
                                            " is larger than the log (" +
                                            std::to_string(source.size()) + " entries)");
  }
  std::vector<MerkleHash> proof;
  proof.reserve(64);
  if (Status s = AppendPath(source, leaf_index, 0, tree_size, proof); !s) {
    return tl::unexpected(s.error());
  }
  return proof;
}

Result<std::vector<MerkleHash>> ConsistencyProof(const MerkleNodeSource& source,
                                                 std::uint64_t first, std::uint64_t second) {
  if (first > second) {
    return Fail(Code::kInvalidArgument, "first tree size " + std::to_string(first) +
                                            " is larger than second tree size " +
                                            std::to_string(second));
  }
  if (second > source.size()) {
    return Fail(Code::kInvalidArgument, "tree size " + std::to_string(second) +
                                            " is larger than the log (" +
                                            std::to_string(source.size()) + " entries)");
  }
  std::vector<MerkleHash> proof;
  if (first == 0 || first == second) return proof;
  proof.reserve(64);
  if (Status s = AppendSubproof(source, first, 0, second, true, proof); !s) {
    return tl::unexpected(s.error());
  }
  return proof;
}

Status VerifyInclusion(const MerkleHash& leaf_hash, std::uint64_t leaf_index,
                       std::uint64_t tree_size, std::span<const MerkleHash> proof,
                       const MerkleHash& root) {
  // Step 1.
  if (leaf_index >= tree_size) {
    return Fail(Code::kInvalidArgument, "leaf index " + std::to_string(leaf_index) +
                                            " is not in a tree of size " +
                                            std::to_string(tree_size));
  }
  // Steps 2 and 3.
  std::uint64_t fn = leaf_index;
  std::uint64_t sn = tree_size - 1;
  MerkleHash r = leaf_hash;
  // Step 4.
  for (const MerkleHash& p : proof) {
    if (sn == 0) return Unauthenticated("inclusion proof is longer than the tree is tall");
    if ((fn & 1) == 1 || fn == sn) {
      r = HashMerkleNode(p, r);
      ShiftUntilOddOrZero(fn, sn);
    } else {
      r = HashMerkleNode(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 5.
  if (sn != 0) return Unauthenticated("inclusion proof is shorter than the tree is tall");
  if (!HashesEqual(r, root)) {
    return Unauthenticated("inclusion proof does not lead to the given root");
  }
  return Ok();
}

Status VerifyConsistency(std::uint64_t first, std::uint64_t second,
                         std::span<const MerkleHash> proof, const MerkleHash& first_root,
                         const MerkleHash& second_root) {
  if (first > second) {
    return Fail(Code::kInvalidArgument, "first tree size " + std::to_string(first) +
                                            " is larger than second tree size " +
                                            std::to_string(second));
  }
  if (first == second) {
    if (!proof.empty())
      return Unauthenticated("consistency proof between equal sizes is not empty");
    if (!HashesEqual(first_root, second_root)) {
      return Unauthenticated("trees of equal size have different roots");
    }
    return Ok();
  }
  if (first == 0) {
    if (!proof.empty())
      return Unauthenticated("consistency proof from the empty tree is not empty");
    if (!HashesEqual(first_root, EmptyMerkleTreeHash())) {
      return Unauthenticated("the root of the empty tree is not the empty tree hash");
    }
    return Ok();
  }
  // RFC 9162 §2.1.4.2, for 0 < first < second. Step 1.
  if (proof.empty()) return Unauthenticated("consistency proof is empty");
  // Step 2: when first is a power of two, first_root is the proof's implicit first element.
  std::size_t next = 0;
  MerkleHash start;
  if (std::has_single_bit(first)) {
    start = first_root;
  } else {
    start = proof[0];
    next = 1;
  }
  // Step 3.
  std::uint64_t fn = first - 1;
  std::uint64_t sn = second - 1;
  // Step 4.
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  // Step 5.
  MerkleHash fr = start;
  MerkleHash sr = start;
  // Step 6.
  for (; next < proof.size(); ++next) {
    const MerkleHash& c = proof[next];
    if (sn == 0) return Unauthenticated("consistency proof is longer than the trees need");
    if ((fn & 1) == 1 || fn == sn) {
      fr = HashMerkleNode(c, fr);
      sr = HashMerkleNode(c, sr);
      ShiftUntilOddOrZero(fn, sn);
    } else {
      sr = HashMerkleNode(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  if (sn != 0) return Unauthenticated("consistency proof is shorter than the trees need");
  if (!HashesEqual(fr, first_root)) {
    return Unauthenticated("consistency proof does not lead to the first root");
  }
  if (!HashesEqual(sr, second_root)) {
    return Unauthenticated("consistency proof does not lead to the second root");
  }
  return Ok();
}

std::uint64_t InMemoryMerkleTree::Append(std::span<const std::uint8_t> leaf) {
  return AppendLeafHash(HashMerkleLeaf(leaf));
}

std::uint64_t InMemoryMerkleTree::AppendLeafHash(const MerkleHash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  const std::uint64_t index = levels_[0].size() - 1;
  // Each time a level gains an even-numbered entry, the pair completes a subtree one level up.
  for (std::size_t h = 0; levels_[h].size() % 2 == 0; ++h) {
    if (h + 1 == levels_.size()) levels_.emplace_back();
    const std::vector<MerkleHash>& level = levels_[h];
    MerkleHash parent = HashMerkleNode(level[level.size() - 2], level[level.size() - 1]);
    levels_[h + 1].push_back(parent);
  }
  return index;
}

MerkleHash InMemoryMerkleTree::Root() const {
  Result<MerkleHash> root = MerkleRootAt(*this, size());
  TANDEM_CHECK(root.has_value());
  return *root;
}

std::uint64_t InMemoryMerkleTree::size() const { return levels_.empty() ? 0 : levels_[0].size(); }

Result<MerkleHash> InMemoryMerkleTree::CompleteSubtreeHash(std::uint64_t start,
                                                           std::uint64_t end) const {
  const std::uint64_t n = end - start;
  if (end <= start || end > size() || !std::has_single_bit(n) || start % n != 0) {
    return Fail(Code::kInvalidArgument, "leaves [" + std::to_string(start) + ", " +
                                            std::to_string(end) +
                                            ") are not a complete subtree of a log of " +
                                            std::to_string(size()) + " entries");
  }
  const int height = std::countr_zero(n);
  return levels_[height][start >> height];
}

}  // namespace tandem::crypto
