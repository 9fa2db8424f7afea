#include "crypto/merkle.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/internal/hex.h"
#include "tests/crypto/merkle_vectors.h"

namespace tandem::crypto {
namespace {

namespace vectors = merkle_vectors;

constexpr std::uint64_t kMaxSize = 64;

std::vector<std::uint8_t> Bytes(std::string_view hex) {
  Result<std::vector<std::uint8_t>> bytes = internal::DecodeHex(hex, "test vector");
  EXPECT_TRUE(bytes.has_value()) << hex;
  return bytes.value_or(std::vector<std::uint8_t>{});
}

MerkleHash Hash(std::string_view hex) {
  std::vector<std::uint8_t> bytes = Bytes(hex);
  MerkleHash hash{};
  EXPECT_EQ(bytes.size(), hash.size()) << hex;
  std::copy_n(bytes.begin(), std::min(bytes.size(), hash.size()), hash.begin());
  return hash;
}

std::vector<MerkleHash> Hashes(const std::vector<std::string_view>& hexes) {
  std::vector<MerkleHash> out;
  for (std::string_view hex : hexes) out.push_back(Hash(hex));
  return out;
}

std::string Hex(const MerkleHash& hash) { return internal::EncodeHex(hash); }

// The reference tree of the eight published entries.
InMemoryMerkleTree ReferenceTree() {
  InMemoryMerkleTree tree;
  for (std::string_view leaf : vectors::kLeaves) tree.Append(Bytes(leaf));
  return tree;
}

// Entry i of the generated trees: distinct, of varying length (including empty).
std::vector<std::uint8_t> Entry(std::uint64_t i) {
  std::vector<std::uint8_t> entry(i % 7, static_cast<std::uint8_t>(i));
  entry.push_back(static_cast<std::uint8_t>(i >> 8));
  entry.push_back(static_cast<std::uint8_t>(i));
  return entry;
}

// A tree of kMaxSize generated entries; proofs for every smaller size come from its prefixes.
const InMemoryMerkleTree& GeneratedTree() {
  static const InMemoryMerkleTree* tree = [] {
    auto* t = new InMemoryMerkleTree;
    for (std::uint64_t i = 0; i < kMaxSize; ++i) t->Append(Entry(i));
    return t;
  }();
  return *tree;
}

MerkleHash LeafHash(std::uint64_t i) { return HashMerkleLeaf(Entry(i)); }

MerkleHash RootOf(std::uint64_t size) {
  Result<MerkleHash> root = MerkleRootAt(GeneratedTree(), size);
  EXPECT_TRUE(root.has_value());
  return root.value_or(MerkleHash{});
}

std::vector<MerkleHash> InclusionOf(std::uint64_t index, std::uint64_t size) {
  Result<std::vector<MerkleHash>> proof = InclusionProof(GeneratedTree(), index, size);
  EXPECT_TRUE(proof.has_value()) << "index " << index << " size " << size;
  return proof.value_or(std::vector<MerkleHash>{});
}

std::vector<MerkleHash> ConsistencyOf(std::uint64_t first, std::uint64_t second) {
  Result<std::vector<MerkleHash>> proof = ConsistencyProof(GeneratedTree(), first, second);
  EXPECT_TRUE(proof.has_value()) << "first " << first << " second " << second;
  return proof.value_or(std::vector<MerkleHash>{});
}

MerkleHash FlipBit(MerkleHash hash, std::size_t bit) {
  hash[bit / 8 % hash.size()] ^= static_cast<std::uint8_t>(1u << (bit % 8));
  return hash;
}

std::vector<MerkleHash> Appended(std::vector<MerkleHash> proof, const MerkleHash& extra) {
  proof.push_back(extra);
  return proof;
}

std::vector<MerkleHash> Prepended(std::vector<MerkleHash> proof, const MerkleHash& extra) {
  proof.insert(proof.begin(), extra);
  return proof;
}

bool Verifies(const Status& status) { return status.has_value(); }

// A source that keeps only leaf hashes and recomputes every subtree from them (O(n) per read):
// an independent implementation to check the cached tree against. It can also be told to fail
// every read, as damaged storage would.
class RecomputingSource : public MerkleNodeSource {
 public:
  explicit RecomputingSource(std::vector<MerkleHash> leaf_hashes)
      : leaf_hashes_(std::move(leaf_hashes)) {}

  void BreakStorage() { broken_ = true; }

  std::uint64_t size() const override { return leaf_hashes_.size(); }

  Result<MerkleHash> CompleteSubtreeHash(std::uint64_t start, std::uint64_t end) const override {
    if (broken_) return Fail(Code::kCorruption, "stored subtree hash is damaged");
    return MerkleTreeHash(std::span<const MerkleHash>(leaf_hashes_).subspan(start, end - start));
  }

 private:
  std::vector<MerkleHash> leaf_hashes_;
  bool broken_ = false;
};

RecomputingSource GeneratedRecomputingSource() {
  std::vector<MerkleHash> leaf_hashes;
  for (std::uint64_t i = 0; i < kMaxSize; ++i) leaf_hashes.push_back(LeafHash(i));
  return RecomputingSource(std::move(leaf_hashes));
}

// --- Hashing ---

TEST(MerkleHashTest, EmptyTreeHashIsSha256OfTheEmptyString) {
  EXPECT_EQ(Hex(EmptyMerkleTreeHash()), vectors::kEmptyRoot);
  EXPECT_EQ(Hex(MerkleTreeHash({})), vectors::kEmptyRoot);
  EXPECT_EQ(Hex(InMemoryMerkleTree().Root()), vectors::kEmptyRoot);
}

TEST(MerkleHashTest, LeafHashesMatchTheReferenceTree) {
  for (std::size_t i = 0; i < std::size(vectors::kLeaves); ++i) {
    EXPECT_EQ(Hex(HashMerkleLeaf(Bytes(vectors::kLeaves[i]))), vectors::kNodes[0][i]) << i;
  }
}

TEST(MerkleHashTest, NodeHashesMatchTheReferenceTree) {
  for (std::size_t h = 1; h < vectors::kNodes.size(); ++h) {
    for (std::size_t j = 0; j < vectors::kNodes[h].size(); ++j) {
      EXPECT_EQ(Hex(HashMerkleNode(Hash(vectors::kNodes[h - 1][2 * j]),
                                   Hash(vectors::kNodes[h - 1][2 * j + 1]))),
                vectors::kNodes[h][j])
          << "level " << h << " node " << j;
    }
  }
}

TEST(MerkleHashTest, MerkleTreeHashMatchesThePublishedRootsForSizesOneToEight) {
  std::vector<MerkleHash> leaf_hashes;
  for (std::string_view leaf : vectors::kLeaves) leaf_hashes.push_back(HashMerkleLeaf(Bytes(leaf)));
  for (std::size_t n = 1; n <= leaf_hashes.size(); ++n) {
    EXPECT_EQ(Hex(MerkleTreeHash(std::span<const MerkleHash>(leaf_hashes).first(n))),
              vectors::kRoots[n - 1])
        << "size " << n;
  }
}

TEST(MerkleHashTest, LeafAndNodeHashesAreDomainSeparated) {
  const MerkleHash left = LeafHash(1);
  const MerkleHash right = LeafHash(2);
  std::vector<std::uint8_t> concatenated(left.begin(), left.end());
  concatenated.insert(concatenated.end(), right.begin(), right.end());
  EXPECT_NE(HashMerkleLeaf(concatenated), HashMerkleNode(left, right));
}

// --- In-memory tree ---

TEST(InMemoryMerkleTreeTest, RootAfterEachAppendMatchesThePublishedRoots) {
  InMemoryMerkleTree tree;
  for (std::size_t i = 0; i < std::size(vectors::kLeaves); ++i) {
    EXPECT_EQ(tree.Append(Bytes(vectors::kLeaves[i])), i);
    EXPECT_EQ(tree.size(), i + 1);
    EXPECT_EQ(Hex(tree.Root()), vectors::kRoots[i]) << "size " << i + 1;
  }
}

TEST(InMemoryMerkleTreeTest, HoldsEveryCompleteSubtreeOfTheReferenceTree) {
  const InMemoryMerkleTree tree = ReferenceTree();
  for (std::size_t h = 0; h < vectors::kNodes.size(); ++h) {
    const std::uint64_t width = std::uint64_t{1} << h;
    for (std::size_t j = 0; j < vectors::kNodes[h].size(); ++j) {
      Result<MerkleHash> hash = tree.CompleteSubtreeHash(j * width, (j + 1) * width);
      ASSERT_TRUE(hash.has_value()) << hash.error().message;
      EXPECT_EQ(Hex(*hash), vectors::kNodes[h][j]) << "level " << h << " node " << j;
    }
  }
}

TEST(InMemoryMerkleTreeTest, RejectsRangesThatAreNotCompleteSubtrees) {
  const InMemoryMerkleTree tree = ReferenceTree();
  const std::pair<std::uint64_t, std::uint64_t> bad[] = {
      {0, 3}, {1, 3}, {2, 6}, {0, 0}, {4, 2}, {8, 9}, {0, 16}, {6, 10},
  };
  for (auto [start, end] : bad) {
    Result<MerkleHash> hash = tree.CompleteSubtreeHash(start, end);
    ASSERT_FALSE(hash.has_value()) << start << ", " << end;
    EXPECT_EQ(hash.error().code, Code::kInvalidArgument);
  }
}

TEST(InMemoryMerkleTreeTest, RootsOfEveryEarlierSizeMatchARecomputation) {
  std::vector<MerkleHash> leaf_hashes;
  InMemoryMerkleTree grown;
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    leaf_hashes.push_back(LeafHash(n - 1));
    grown.AppendLeafHash(leaf_hashes.back());
    const MerkleHash expected = MerkleTreeHash(leaf_hashes);
    EXPECT_EQ(grown.Root(), expected) << "size " << n;
    EXPECT_EQ(RootOf(n), expected) << "size " << n;
  }
  EXPECT_EQ(RootOf(0), EmptyMerkleTreeHash());
}

TEST(InMemoryMerkleTreeTest, RootOfASizeBeyondTheLogIsInvalidArgument) {
  Result<MerkleHash> root = MerkleRootAt(ReferenceTree(), 9);
  ASSERT_FALSE(root.has_value());
  EXPECT_EQ(root.error().code, Code::kInvalidArgument);
}

// --- Inclusion proofs ---

TEST(MerkleInclusionTest, GeneratesThePublishedProofs) {
  const InMemoryMerkleTree tree = ReferenceTree();
  for (const vectors::InclusionVector& v : vectors::kInclusionProofs) {
    Result<std::vector<MerkleHash>> proof = InclusionProof(tree, v.leaf_index, v.tree_size);
    ASSERT_TRUE(proof.has_value()) << proof.error().message;
    EXPECT_EQ(*proof, Hashes(v.proof)) << "index " << v.leaf_index << " size " << v.tree_size;
  }
}

TEST(MerkleInclusionTest, PublishedProofsVerifyAgainstThePublishedRoots) {
  for (const vectors::InclusionVector& v : vectors::kInclusionProofs) {
    const MerkleHash leaf = HashMerkleLeaf(Bytes(vectors::kLeaves[v.leaf_index]));
    Status status = VerifyInclusion(leaf, v.leaf_index, v.tree_size, Hashes(v.proof),
                                    Hash(vectors::kRoots[v.tree_size - 1]));
    EXPECT_TRUE(Verifies(status)) << "index " << v.leaf_index << " size " << v.tree_size << ": "
                                  << status.error().message;
  }
}

TEST(MerkleInclusionTest, EveryProofVerifiesForEveryIndexOfEverySizeUpTo64) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t i = 0; i < n; ++i) {
      Status status = VerifyInclusion(LeafHash(i), i, n, InclusionOf(i, n), RootOf(n));
      EXPECT_TRUE(Verifies(status)) << "index " << i << " size " << n;
    }
  }
}

TEST(MerkleInclusionTest, ProofsFromARecomputingSourceEqualProofsFromTheCachedTree) {
  const RecomputingSource source = GeneratedRecomputingSource();
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t i = 0; i < n; ++i) {
      Result<std::vector<MerkleHash>> proof = InclusionProof(source, i, n);
      ASSERT_TRUE(proof.has_value());
      EXPECT_EQ(*proof, InclusionOf(i, n)) << "index " << i << " size " << n;
    }
  }
}

TEST(MerkleInclusionTest, GeneratorRejectsAnIndexOutsideTheTreeOrASizeBeyondTheLog) {
  const InMemoryMerkleTree tree = ReferenceTree();
  const std::pair<std::uint64_t, std::uint64_t> bad[] = {{0, 0}, {3, 3}, {8, 8}, {0, 9}, {9, 9}};
  for (auto [index, size] : bad) {
    Result<std::vector<MerkleHash>> proof = InclusionProof(tree, index, size);
    ASSERT_FALSE(proof.has_value()) << index << ", " << size;
    EXPECT_EQ(proof.error().code, Code::kInvalidArgument);
  }
}

TEST(MerkleInclusionTest, GeneratorPassesStorageErrorsThrough) {
  RecomputingSource source = GeneratedRecomputingSource();
  source.BreakStorage();
  Result<std::vector<MerkleHash>> proof = InclusionProof(source, 3, 10);
  ASSERT_FALSE(proof.has_value());
  EXPECT_EQ(proof.error().code, Code::kCorruption);
  Result<MerkleHash> root = MerkleRootAt(source, 10);
  ASSERT_FALSE(root.has_value());
  EXPECT_EQ(root.error().code, Code::kCorruption);
}

TEST(MerkleInclusionTest, AnIndexOutsideTheTreeIsInvalidArgument) {
  const std::pair<std::uint64_t, std::uint64_t> bad[] = {{0, 0}, {1, 1}, {5, 5}, {7, 3}};
  for (auto [index, size] : bad) {
    Status status = VerifyInclusion(LeafHash(0), index, size, {}, LeafHash(0));
    ASSERT_FALSE(Verifies(status));
    EXPECT_EQ(status.error().code, Code::kInvalidArgument);
  }
}

TEST(MerkleInclusionTest, RejectsAWrongIndex) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (std::uint64_t wrong : {i - 1, i + 1, i ^ 1, i ^ 2, n, n + 1}) {
        if (wrong == i) continue;
        Status status = VerifyInclusion(LeafHash(i), wrong, n, proof, root);
        EXPECT_FALSE(Verifies(status)) << "index " << i << " claimed " << wrong << " size " << n;
        if (!Verifies(status) && wrong >= n) {
          EXPECT_EQ(status.error().code, Code::kInvalidArgument);
        } else if (!Verifies(status)) {
          EXPECT_EQ(status.error().code, Code::kUnauthenticated);
        }
      }
    }
  }
}

// An inclusion proof binds the tree size only through the path's shape: a left-edge leaf of a
// tree of 3 has the same path shape as in a tree of 4, so a size that differs by one may still
// fold to the same root (the signed checkpoint is what binds a size to a root). Halving or
// doubling the size always changes the height, which the algorithm must notice.
TEST(MerkleInclusionTest, RejectsATreeSizeThatIsHalfOrDouble) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (std::uint64_t wrong : {n / 2, n * 2}) {
        EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, wrong, proof, root)))
            << "index " << i << " size " << n << " claimed " << wrong;
      }
    }
  }
}

// The limit described above, pinned so docs/audit-log.md stays true: the size comes from the
// signed checkpoint, not from the proof.
TEST(MerkleInclusionTest, BindsTheTreeSizeOnlyThroughThePathShape) {
  EXPECT_TRUE(Verifies(VerifyInclusion(LeafHash(0), 0, 3, InclusionOf(0, 4), RootOf(4))));
  EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(0), 0, 5, InclusionOf(0, 4), RootOf(4))));
}

TEST(MerkleInclusionTest, RejectsAFlippedBitInEachProofElement) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (std::size_t e = 0; e < proof.size(); ++e) {
        for (std::size_t bit :
             {std::size_t{0}, std::size_t{3}, std::size_t{131}, std::size_t{255}}) {
          std::vector<MerkleHash> bad = proof;
          bad[e] = FlipBit(bad[e], bit);
          Status status = VerifyInclusion(LeafHash(i), i, n, bad, root);
          ASSERT_FALSE(Verifies(status)) << "index " << i << " size " << n << " element " << e;
          EXPECT_EQ(status.error().code, Code::kUnauthenticated);
        }
      }
    }
  }
}

TEST(MerkleInclusionTest, RejectsATruncatedProof) {
  for (std::uint64_t n = 2; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      ASSERT_FALSE(proof.empty());
      const std::vector<MerkleHash> without_last(proof.begin(), proof.end() - 1);
      const std::vector<MerkleHash> without_first(proof.begin() + 1, proof.end());
      EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, without_last, root)))
          << "index " << i << " size " << n;
      EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, without_first, root)))
          << "index " << i << " size " << n;
      EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, {}, root)))
          << "index " << i << " size " << n;
    }
  }
}

TEST(MerkleInclusionTest, RejectsAnExtendedProof) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (const MerkleHash& extra : {MerkleHash{}, root, LeafHash(i), EmptyMerkleTreeHash()}) {
        EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, Appended(proof, extra), root)))
            << "appended, index " << i << " size " << n;
        EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, Prepended(proof, extra), root)))
            << "prepended, index " << i << " size " << n;
      }
    }
  }
}

TEST(MerkleInclusionTest, RejectsAWrongLeafHash) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    const MerkleHash root = RootOf(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (const MerkleHash& wrong : {FlipBit(LeafHash(i), 7), LeafHash(i + 1), HashMerkleLeaf({}),
                                      HashMerkleNode(LeafHash(i), LeafHash(i))}) {
        Status status = VerifyInclusion(wrong, i, n, proof, root);
        ASSERT_FALSE(Verifies(status)) << "index " << i << " size " << n;
        EXPECT_EQ(status.error().code, Code::kUnauthenticated);
      }
    }
  }
}

TEST(MerkleInclusionTest, RejectsAWrongRoot) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::vector<MerkleHash> proof = InclusionOf(i, n);
      for (const MerkleHash& wrong :
           {FlipBit(RootOf(n), 200), RootOf(n - 1), EmptyMerkleTreeHash(), MerkleHash{}}) {
        EXPECT_FALSE(Verifies(VerifyInclusion(LeafHash(i), i, n, proof, wrong)))
            << "index " << i << " size " << n;
      }
    }
  }
}

// --- Consistency proofs ---

TEST(MerkleConsistencyTest, GeneratesThePublishedProofs) {
  const InMemoryMerkleTree tree = ReferenceTree();
  for (const vectors::ConsistencyVector& v : vectors::kConsistencyProofs) {
    Result<std::vector<MerkleHash>> proof = ConsistencyProof(tree, v.first, v.second);
    ASSERT_TRUE(proof.has_value()) << proof.error().message;
    EXPECT_EQ(*proof, Hashes(v.proof)) << v.first << " -> " << v.second;
  }
}

TEST(MerkleConsistencyTest, PublishedProofsVerifyAgainstThePublishedRoots) {
  for (const vectors::ConsistencyVector& v : vectors::kConsistencyProofs) {
    Status status =
        VerifyConsistency(v.first, v.second, Hashes(v.proof), Hash(vectors::kRoots[v.first - 1]),
                          Hash(vectors::kRoots[v.second - 1]));
    EXPECT_TRUE(Verifies(status)) << v.first << " -> " << v.second << ": "
                                  << status.error().message;
  }
}

TEST(MerkleConsistencyTest, EveryProofVerifiesForEveryPairOfSizesUpTo64) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t m = 0; m <= n; ++m) {
      Status status = VerifyConsistency(m, n, ConsistencyOf(m, n), RootOf(m), RootOf(n));
      EXPECT_TRUE(Verifies(status)) << m << " -> " << n;
    }
  }
}

TEST(MerkleConsistencyTest, ProofsFromARecomputingSourceEqualProofsFromTheCachedTree) {
  const RecomputingSource source = GeneratedRecomputingSource();
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    for (std::uint64_t m = 0; m <= n; ++m) {
      Result<std::vector<MerkleHash>> proof = ConsistencyProof(source, m, n);
      ASSERT_TRUE(proof.has_value());
      EXPECT_EQ(*proof, ConsistencyOf(m, n)) << m << " -> " << n;
    }
  }
}

TEST(MerkleConsistencyTest, ProofsBetweenEqualSizesOrFromTheEmptyTreeAreEmpty) {
  const InMemoryMerkleTree tree = ReferenceTree();
  for (std::uint64_t n = 0; n <= 8; ++n) {
    Result<std::vector<MerkleHash>> same = ConsistencyProof(tree, n, n);
    ASSERT_TRUE(same.has_value());
    EXPECT_TRUE(same->empty());
    Result<std::vector<MerkleHash>> from_empty = ConsistencyProof(tree, 0, n);
    ASSERT_TRUE(from_empty.has_value());
    EXPECT_TRUE(from_empty->empty());
  }
}

TEST(MerkleConsistencyTest, GeneratorRejectsSizesOutOfOrderOrBeyondTheLog) {
  const InMemoryMerkleTree tree = ReferenceTree();
  const std::pair<std::uint64_t, std::uint64_t> bad[] = {{2, 1}, {8, 7}, {1, 9}, {9, 9}};
  for (auto [first, second] : bad) {
    Result<std::vector<MerkleHash>> proof = ConsistencyProof(tree, first, second);
    ASSERT_FALSE(proof.has_value()) << first << ", " << second;
    EXPECT_EQ(proof.error().code, Code::kInvalidArgument);
  }
}

TEST(MerkleConsistencyTest, GeneratorPassesStorageErrorsThrough) {
  RecomputingSource source = GeneratedRecomputingSource();
  source.BreakStorage();
  Result<std::vector<MerkleHash>> proof = ConsistencyProof(source, 3, 10);
  ASSERT_FALSE(proof.has_value());
  EXPECT_EQ(proof.error().code, Code::kCorruption);
}

TEST(MerkleConsistencyTest, AFirstSizeLargerThanTheSecondIsInvalidArgument) {
  Status status = VerifyConsistency(5, 4, ConsistencyOf(4, 5), RootOf(5), RootOf(4));
  ASSERT_FALSE(Verifies(status));
  EXPECT_EQ(status.error().code, Code::kInvalidArgument);
}

TEST(MerkleConsistencyTest, EqualSizesVerifyOnlyWithEqualRootsAndAnEmptyProof) {
  for (std::uint64_t n = 0; n <= kMaxSize; ++n) {
    EXPECT_TRUE(Verifies(VerifyConsistency(n, n, {}, RootOf(n), RootOf(n))));
    EXPECT_FALSE(Verifies(VerifyConsistency(n, n, {}, RootOf(n), FlipBit(RootOf(n), 9))));
    EXPECT_FALSE(Verifies(
        VerifyConsistency(n, n, std::vector<MerkleHash>{RootOf(n)}, RootOf(n), RootOf(n))));
  }
}

TEST(MerkleConsistencyTest, TheEmptyTreeVerifiesOnlyWithTheEmptyTreeHashAndAnEmptyProof) {
  for (std::uint64_t n = 1; n <= kMaxSize; ++n) {
    EXPECT_TRUE(Verifies(VerifyConsistency(0, n, {}, EmptyMerkleTreeHash(), RootOf(n))));
    EXPECT_FALSE(Verifies(VerifyConsistency(0, n, {}, RootOf(n), RootOf(n))));
    EXPECT_FALSE(Verifies(VerifyConsistency(0, n, std::vector<MerkleHash>{EmptyMerkleTreeHash()},
                                            EmptyMerkleTreeHash(), RootOf(n))));
  }
}

// For the remaining tests: every pair 0 < m < n <= 64, where the RFC 9162 algorithm applies.
template <class Probe>
void ForEveryProperPair(Probe probe) {
  for (std::uint64_t n = 2; n <= kMaxSize; ++n) {
    for (std::uint64_t m = 1; m < n; ++m) {
      probe(m, n, ConsistencyOf(m, n), RootOf(m), RootOf(n));
    }
  }
}

TEST(MerkleConsistencyTest, RejectsAWrongFirstSize) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    for (std::uint64_t wrong : {m - 1, m + 1, m ^ 2, m * 2, m / 2}) {
      if (wrong == m) continue;
      EXPECT_FALSE(Verifies(VerifyConsistency(wrong, n, proof, r1, r2)))
          << m << " -> " << n << " claimed first " << wrong;
    }
  });
}

// As for inclusion, the second size is bound through the proof's shape; halving or doubling it
// changes the height and must be noticed.
TEST(MerkleConsistencyTest, RejectsASecondSizeThatIsHalfOrDouble) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    for (std::uint64_t wrong : {n / 2, n * 2}) {
      EXPECT_FALSE(Verifies(VerifyConsistency(m, wrong, proof, r1, r2)))
          << m << " -> " << n << " claimed second " << wrong;
    }
  });
}

TEST(MerkleConsistencyTest, RejectsAFlippedBitInEachProofElement) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    for (std::size_t e = 0; e < proof.size(); ++e) {
      for (std::size_t bit : {std::size_t{4}, std::size_t{100}, std::size_t{255}}) {
        std::vector<MerkleHash> bad = proof;
        bad[e] = FlipBit(bad[e], bit);
        Status status = VerifyConsistency(m, n, bad, r1, r2);
        ASSERT_FALSE(Verifies(status)) << m << " -> " << n << " element " << e;
        EXPECT_EQ(status.error().code, Code::kUnauthenticated);
      }
    }
  });
}

TEST(MerkleConsistencyTest, RejectsATruncatedProof) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    ASSERT_FALSE(proof.empty());
    const std::vector<MerkleHash> without_last(proof.begin(), proof.end() - 1);
    const std::vector<MerkleHash> without_first(proof.begin() + 1, proof.end());
    EXPECT_FALSE(Verifies(VerifyConsistency(m, n, without_last, r1, r2))) << m << " -> " << n;
    EXPECT_FALSE(Verifies(VerifyConsistency(m, n, without_first, r1, r2))) << m << " -> " << n;
    EXPECT_FALSE(Verifies(VerifyConsistency(m, n, {}, r1, r2))) << m << " -> " << n;
  });
}

TEST(MerkleConsistencyTest, RejectsAnExtendedProof) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    for (const MerkleHash& extra : {MerkleHash{}, r1, r2, proof[0], proof.back()}) {
      EXPECT_FALSE(Verifies(VerifyConsistency(m, n, Appended(proof, extra), r1, r2)))
          << "appended, " << m << " -> " << n;
      EXPECT_FALSE(Verifies(VerifyConsistency(m, n, Prepended(proof, extra), r1, r2)))
          << "prepended, " << m << " -> " << n;
    }
  });
}

TEST(MerkleConsistencyTest, RejectsSwappedRoots) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    Status status = VerifyConsistency(m, n, proof, r2, r1);
    ASSERT_FALSE(Verifies(status)) << m << " -> " << n;
    EXPECT_EQ(status.error().code, Code::kUnauthenticated);
  });
}

TEST(MerkleConsistencyTest, RejectsAWrongFirstOrSecondRoot) {
  ForEveryProperPair([](std::uint64_t m, std::uint64_t n, const std::vector<MerkleHash>& proof,
                        const MerkleHash& r1, const MerkleHash& r2) {
    for (const MerkleHash& wrong : {FlipBit(r1, 17), RootOf(m - 1), EmptyMerkleTreeHash()}) {
      EXPECT_FALSE(Verifies(VerifyConsistency(m, n, proof, wrong, r2))) << m << " -> " << n;
    }
    for (const MerkleHash& wrong : {FlipBit(r2, 17), RootOf(n - 1), EmptyMerkleTreeHash()}) {
      EXPECT_FALSE(Verifies(VerifyConsistency(m, n, proof, r1, wrong))) << m << " -> " << n;
    }
  });
}

// A tree that rewrote an entry before `first` is not consistent with the first checkpoint: the
// honest proof from the rewritten tree must not verify against the original first root.
TEST(MerkleConsistencyTest, RejectsAProofFromATreeThatRewroteHistory) {
  for (std::uint64_t n = 2; n <= 24; ++n) {
    for (std::uint64_t rewritten = 0; rewritten + 1 < n; ++rewritten) {
      InMemoryMerkleTree forged;
      for (std::uint64_t i = 0; i < n; ++i) forged.Append(Entry(i == rewritten ? 1000 : i));
      for (std::uint64_t m = rewritten + 1; m < n; ++m) {
        Result<std::vector<MerkleHash>> proof = ConsistencyProof(forged, m, n);
        ASSERT_TRUE(proof.has_value());
        EXPECT_FALSE(Verifies(VerifyConsistency(m, n, *proof, RootOf(m), forged.Root())))
            << "entry " << rewritten << " rewritten, " << m << " -> " << n;
      }
    }
  }
}

}  // namespace
}  // namespace tandem::crypto
