#include "node/audit/witness.h"

#include <gtest/gtest.h>

#include "audit_fixture.h"
#include "crypto/merkle.h"

namespace tandem::node::audit {
namespace {

using testing::At;
using testing::IdentityKey;
using testing::Node;

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 20; ++i) {
      const std::string leaf = "entry " + std::to_string(i);
      tree_.Append({reinterpret_cast<const std::uint8_t*>(leaf.data()), leaf.size()});
    }
  }
  SignedCheckpoint CheckpointOf(const crypto::InMemoryMerkleTree& tree, std::uint64_t size) {
    auto root = crypto::MerkleRootAt(tree, size);
    EXPECT_TRUE(root);
    auto checkpoint = SignCheckpoint(Node("police"), size, *root, At(size), node_key_);
    EXPECT_TRUE(checkpoint);
    return *checkpoint;
  }
  std::vector<crypto::MerkleHash> Proof(std::uint64_t first, std::uint64_t second) {
    auto proof = crypto::ConsistencyProof(tree_, first, second);
    EXPECT_TRUE(proof);
    return *proof;
  }

  crypto::InMemoryMerkleTree tree_;
  crypto::SigningKey node_key_ = IdentityKey(1);
  crypto::SigningKey witness_key_ = IdentityKey(2);
  protocol::NodeId witness_ = Node("nhs");
};

TEST_F(WitnessTest, CosignsTheFirstCheckpointAndConsistentGrowth) {
  const auto first = CheckpointOf(tree_, 7);
  auto cosigned =
      Witness(node_key_.verifying_key(), std::nullopt, first, {}, witness_, witness_key_);
  ASSERT_TRUE(cosigned) << cosigned.error().message;
  EXPECT_TRUE(VerifyCosignature(*cosigned, witness_key_.verifying_key()));
  const auto second = CheckpointOf(tree_, 20);
  auto again =
      Witness(node_key_.verifying_key(), first, second, Proof(7, 20), witness_, witness_key_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->checkpoint, second);
  EXPECT_TRUE(Witness(node_key_.verifying_key(), second, second, {}, witness_, witness_key_));
}

TEST_F(WitnessTest, RefusesABadCheckpointSignature) {
  auto checkpoint = CheckpointOf(tree_, 7);
  checkpoint.sig[0] ^= 1;
  auto refused =
      Witness(node_key_.verifying_key(), std::nullopt, checkpoint, {}, witness_, witness_key_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("bad checkpoint signature"), std::string::npos);
}

TEST_F(WitnessTest, RefusesARollback) {
  const auto big = CheckpointOf(tree_, 20);
  const auto small = CheckpointOf(tree_, 12);
  auto refused = Witness(node_key_.verifying_key(), big, small, {}, witness_, witness_key_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("rollback"), std::string::npos);
}

TEST_F(WitnessTest, RefusesRewrittenHistory) {
  const auto first = CheckpointOf(tree_, 7);
  crypto::InMemoryMerkleTree forged;
  for (int i = 0; i < 20; ++i) {
    const std::string leaf = (i == 3 ? "forged " : "entry ") + std::to_string(i);
    forged.Append({reinterpret_cast<const std::uint8_t*>(leaf.data()), leaf.size()});
  }
  const auto rewritten = CheckpointOf(forged, 20);
  auto forged_proof = crypto::ConsistencyProof(forged, 7, 20);
  ASSERT_TRUE(forged_proof);
  auto refused =
      Witness(node_key_.verifying_key(), first, rewritten, *forged_proof, witness_, witness_key_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("history rewritten"), std::string::npos);
  // The same size with another root is a rewrite too.
  auto same_size = Witness(node_key_.verifying_key(), CheckpointOf(tree_, 20),
                           CheckpointOf(forged, 20), {}, witness_, witness_key_);
  ASSERT_FALSE(same_size);
  EXPECT_NE(same_size.error().message.find("history rewritten"), std::string::npos);
  // And a genuine checkpoint with a proof that does not fit.
  auto wrong_proof = Witness(node_key_.verifying_key(), first, CheckpointOf(tree_, 20),
                             Proof(8, 20), witness_, witness_key_);
  EXPECT_FALSE(wrong_proof);
}

}  // namespace
}  // namespace tandem::node::audit
