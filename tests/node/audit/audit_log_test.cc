#include "node/audit/audit_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>
#include <thread>

#include "audit_fixture.h"
#include "crypto/merkle.h"
#include "node/audit/entry.h"
#include "node/audit/messages.h"

namespace tandem::node::audit {
namespace {

using testing::IdentityKey;
using testing::Node;
using testing::SampleEntry;

class AuditLogTest : public testing::AuditLogTestBase {};

TEST_F(AuditLogTest, AppendReturnsContiguousReceiptsWithLeafHashOfCanonicalBytes) {
  auto log = OpenLog();
  for (int i = 0; i < 5; ++i) {
    auto receipt = log->Append(SampleEntry(i));
    ASSERT_TRUE(receipt) << receipt.error().message;
    EXPECT_EQ(receipt->leaf_index, static_cast<std::uint64_t>(i));
    auto data = EncodeEntry(SampleEntry(i));
    EXPECT_EQ(receipt->leaf_hash,
              crypto::HashMerkleLeaf(
                  {reinterpret_cast<const std::uint8_t*>(data->data()), data->size()}));
    EXPECT_EQ(*log->LeafHash(i), receipt->leaf_hash);
    EXPECT_EQ(*log->Entry(i), SampleEntry(i));
  }
  EXPECT_EQ(log->size(), 5u);
  EXPECT_EQ(log->Entry(5).error().code, Code::kNotFound);
}

TEST_F(AuditLogTest, CreatesTheFileReadableByItsOwnerOnly) {
  auto log = OpenLog();
  struct stat st {};
  ASSERT_EQ(::stat(Path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(AuditLogTest, RefusesAnInvalidEntryAndLeavesTheLogUnchanged) {
  auto log = OpenLog();
  AuditEntry entry = SampleEntry(0);
  entry.subject_tokens = {"Jane Smith"};
  auto refused = log->Append(entry);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
  EXPECT_EQ(log->size(), 0u);
}

TEST_F(AuditLogTest, RootsMatchAnInMemoryTreeOfTheSameEntries) {
  auto log = OpenLog();
  crypto::InMemoryMerkleTree reference;
  for (int i = 0; i < 70; ++i) {
    ASSERT_TRUE(log->Append(SampleEntry(i)));
    auto data = EncodeEntry(SampleEntry(i));
    reference.Append({reinterpret_cast<const std::uint8_t*>(data->data()), data->size()});
    EXPECT_EQ(*log->RootAt(i + 1), reference.Root()) << "size " << i + 1;
  }
  EXPECT_EQ(*log->RootAt(0), crypto::EmptyMerkleTreeHash());
}

TEST_F(AuditLogTest, EveryInclusionAndConsistencyProofVerifiesAgainstSignedCheckpoints) {
  auto log = OpenLog();
  std::vector<SignedCheckpoint> checkpoints;
  for (int i = 0; i < 33; ++i) {
    ASSERT_TRUE(log->Append(SampleEntry(i)));
    clock_.Advance(1);
    auto checkpoint = log->Checkpoint();
    ASSERT_TRUE(checkpoint);
    ASSERT_EQ(checkpoint->tree_size, static_cast<std::uint64_t>(i + 1));
    checkpoints.push_back(*checkpoint);
  }
  for (const auto& checkpoint : checkpoints) {
    ASSERT_TRUE(VerifyCheckpoint(checkpoint, identity_.verifying_key()));
    for (std::uint64_t index = 0; index < checkpoint.tree_size; ++index) {
      auto proof = log->InclusionProof(index, checkpoint.tree_size);
      ASSERT_TRUE(proof);
      EXPECT_TRUE(crypto::VerifyInclusion(*log->LeafHash(index), index, checkpoint.tree_size,
                                          *proof, checkpoint.root))
          << index << " in " << checkpoint.tree_size;
    }
    for (const auto& earlier : checkpoints) {
      if (earlier.tree_size > checkpoint.tree_size) break;
      auto proof = log->ConsistencyProof(earlier.tree_size, checkpoint.tree_size);
      ASSERT_TRUE(proof);
      EXPECT_TRUE(crypto::VerifyConsistency(earlier.tree_size, checkpoint.tree_size, *proof,
                                            earlier.root, checkpoint.root));
    }
  }
  EXPECT_EQ(log->InclusionProof(33, 33).error().code, Code::kInvalidArgument);
  EXPECT_EQ(log->InclusionProof(0, 34).error().code, Code::kInvalidArgument);
  EXPECT_EQ(log->ConsistencyProof(5, 4).error().code, Code::kInvalidArgument);
}

// Every way of corrupting a proof the log served is refused by crypto's verifiers.
TEST_F(AuditLogTest, CorruptedProofsAreRefused) {
  auto log = OpenLog();
  AppendSamples(*log, 21);
  auto checkpoint = log->Checkpoint();
  ASSERT_TRUE(checkpoint);
  const std::uint64_t n = checkpoint->tree_size;
  auto earlier_root = log->RootAt(13);
  ASSERT_TRUE(earlier_root);
  for (std::uint64_t index : {0u, 6u, 13u, 20u}) {
    const auto leaf = *log->LeafHash(index);
    const auto proof = *log->InclusionProof(index, n);
    ASSERT_TRUE(crypto::VerifyInclusion(leaf, index, n, proof, checkpoint->root));
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, (index + 1) % n, n, proof, checkpoint->root));
    // Sizes next to n can give the same path shape (docs/audit-log.md, "What a proof does and
    // does not bind"); half and double the size cannot.
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, 2 * n, proof, checkpoint->root));
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, n / 2, proof, checkpoint->root));
    for (std::size_t element = 0; element < proof.size(); ++element) {
      for (int bit : {0, 131, 255}) {
        auto flipped = proof;
        flipped[element][bit / 8] ^= static_cast<std::uint8_t>(1 << (bit % 8));
        EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, n, flipped, checkpoint->root));
      }
    }
    auto truncated = proof;
    truncated.pop_back();
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, n, truncated, checkpoint->root));
    auto extended = proof;
    extended.push_back(proof.front());
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, n, extended, checkpoint->root));
    EXPECT_FALSE(crypto::VerifyInclusion(leaf, index, n, proof, *earlier_root));
  }
  const auto consistency = *log->ConsistencyProof(13, n);
  ASSERT_TRUE(crypto::VerifyConsistency(13, n, consistency, *earlier_root, checkpoint->root));
  EXPECT_FALSE(crypto::VerifyConsistency(13, n, consistency, checkpoint->root, *earlier_root));
  EXPECT_FALSE(crypto::VerifyConsistency(12, n, consistency, *earlier_root, checkpoint->root));
  EXPECT_FALSE(crypto::VerifyConsistency(13, 2 * n, consistency, *earlier_root, checkpoint->root));
  for (std::size_t element = 0; element < consistency.size(); ++element) {
    auto flipped = consistency;
    flipped[element][7] ^= 0x20;
    EXPECT_FALSE(crypto::VerifyConsistency(13, n, flipped, *earlier_root, checkpoint->root));
  }
  auto truncated = consistency;
  truncated.pop_back();
  EXPECT_FALSE(crypto::VerifyConsistency(13, n, truncated, *earlier_root, checkpoint->root));
  auto extended = consistency;
  extended.push_back(consistency.back());
  EXPECT_FALSE(crypto::VerifyConsistency(13, n, extended, *earlier_root, checkpoint->root));
}

TEST_F(AuditLogTest, ProofMessagesCarryTheProofUnchanged) {
  auto log = OpenLog();
  AppendSamples(*log, 10);
  auto checkpoint = log->Checkpoint();
  ASSERT_TRUE(checkpoint);
  InclusionProofMessage message{4, 10, *log->LeafHash(4), *log->InclusionProof(4, 10)};
  auto decoded = DecodeInclusionProof(EncodeInclusionProof(message));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(crypto::VerifyInclusion(decoded->leaf_hash, decoded->leaf_index, decoded->tree_size,
                                      decoded->path, checkpoint->root));
}

TEST_F(AuditLogTest, ConcurrentAppendersGetDistinctContiguousReceiptsThatSurviveReopen) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  std::vector<std::vector<AuditReceipt>> receipts(kThreads);
  {
    auto log = OpenLog();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto receipt = log->Append(SampleEntry(t * 1000 + i));
          ASSERT_TRUE(receipt) << receipt.error().message;
          receipts[t].push_back(*receipt);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(log->size(), std::uint64_t{kThreads * kPerThread});
  }
  auto log = OpenLog();
  ASSERT_EQ(log->size(), std::uint64_t{kThreads * kPerThread});
  std::set<std::uint64_t> indices;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      const auto& receipt = receipts[t][i];
      indices.insert(receipt.leaf_index);
      EXPECT_EQ(*log->Entry(receipt.leaf_index), SampleEntry(t * 1000 + i));
      EXPECT_EQ(*log->LeafHash(receipt.leaf_index), receipt.leaf_hash);
    }
  }
  EXPECT_EQ(indices.size(), std::size_t{kThreads * kPerThread});
  EXPECT_EQ(*indices.begin(), 0u);
  EXPECT_EQ(*indices.rbegin(), std::uint64_t{kThreads * kPerThread - 1});
}

TEST_F(AuditLogTest, AppendBatchIsContiguous) {
  auto log = OpenLog();
  AppendSamples(*log, 3);
  std::vector<AuditEntry> batch = {SampleEntry(10), SampleEntry(11), SampleEntry(12)};
  auto receipts = log->AppendBatch(batch);
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ((*receipts)[i].leaf_index, 3 + i);
  batch[1].kind.clear();
  EXPECT_FALSE(log->AppendBatch(batch));
  EXPECT_EQ(log->size(), 6u);
}

TEST_F(AuditLogTest, BackgroundThreadSignsACheckpointWhenTheTreeGrewAndTheIntervalPassed) {
  AuditLog::Options options;
  options.clock = clock_.Function();
  options.checkpoint_interval = std::chrono::seconds(5);
  auto log = OpenLog(options);
  auto wait_for_size = [&](std::uint64_t size) {
    for (int i = 0; i < 200; ++i) {
      auto latest = log->LatestCheckpoint();
      if (latest && latest->tree_size == size) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  EXPECT_EQ(log->LatestCheckpoint().error().code, Code::kNotFound);
  AppendSamples(*log, 1);
  ASSERT_TRUE(wait_for_size(1));  // the first checkpoint does not wait for an interval
  AppendSamples(*log, 2, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(log->LatestCheckpoint()->tree_size, 1u);  // the interval has not passed
  clock_.Advance(4);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(log->LatestCheckpoint()->tree_size, 1u);
  clock_.Advance(1);
  ASSERT_TRUE(wait_for_size(3));
  auto latest = log->LatestCheckpoint();
  EXPECT_EQ(latest->at, clock_.Now());
  EXPECT_TRUE(VerifyCheckpoint(*latest, identity_.verifying_key()));
  EXPECT_EQ(*log->CheckpointAt(3), *latest);
  EXPECT_EQ(log->CheckpointAt(2).error().code, Code::kNotFound);
}

TEST_F(AuditLogTest, CheckpointsSurviveReopen) {
  SignedCheckpoint checkpoint = [&] {
    auto log = OpenLog();
    AppendSamples(*log, 9);
    return *log->Checkpoint();
  }();
  auto log = OpenLog();
  EXPECT_EQ(*log->LatestCheckpoint(), checkpoint);
  EXPECT_EQ(*log->CheckpointAt(9), checkpoint);
}

TEST_F(AuditLogTest, StoresVerifiedCosignaturesOnly) {
  auto log = OpenLog();
  AppendSamples(*log, 4);
  auto checkpoint = log->Checkpoint();
  ASSERT_TRUE(checkpoint);
  const auto witness_key = IdentityKey(9);
  auto cosignature = Cosign(*checkpoint, Node("nhs"), witness_key);
  ASSERT_TRUE(cosignature);
  EXPECT_EQ(log->AddCosignature(*checkpoint, Node("nhs"), cosignature->sig,
                                IdentityKey(8).verifying_key())
                .error()
                .code,
            Code::kUnauthenticated);
  SignedCheckpoint foreign = *checkpoint;
  foreign.root[0] ^= 1;
  EXPECT_EQ(log->AddCosignature(foreign, Node("nhs"), cosignature->sig, witness_key.verifying_key())
                .error()
                .code,
            Code::kNotFound);
  ASSERT_TRUE(
      log->AddCosignature(*checkpoint, Node("nhs"), cosignature->sig, witness_key.verifying_key()));
  ASSERT_TRUE(
      log->AddCosignature(*checkpoint, Node("nhs"), cosignature->sig, witness_key.verifying_key()));
  auto stored = log->Cosignatures(4);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front(), *cosignature);
}

TEST_F(AuditLogTest, WitnessRecordsTheLastCheckpointItCosignedPerPeer) {
  auto log = OpenLog();  // this node (police) witnesses probation's log
  tandem::testing::TempDir peer_dir;
  const auto peer_key = IdentityKey(5);
  auto peer = AuditLog::Open(peer_dir / kAuditFileName, key_, Node("probation"), peer_key,
                             ManualCheckpoints());
  ASSERT_TRUE(peer);
  AppendSamples(**peer, 5);
  auto first = (*peer)->Checkpoint();
  EXPECT_FALSE(*log->LastWitnessed(Node("probation")));
  auto cosigned = log->WitnessCheckpoint(peer_key.verifying_key(), *first, {});
  ASSERT_TRUE(cosigned) << cosigned.error().message;
  EXPECT_EQ(**log->LastWitnessed(Node("probation")), *first);
  ASSERT_TRUE(
      (*peer)->AddCosignature(*first, log->node(), cosigned->sig, identity_.verifying_key()));

  AppendSamples(**peer, 7, 5);
  clock_.Advance(1);
  auto second = (*peer)->Checkpoint();
  auto proof = (*peer)->ConsistencyProof(first->tree_size, second->tree_size);
  ASSERT_TRUE(log->WitnessCheckpoint(peer_key.verifying_key(), *second, *proof));
  EXPECT_EQ(**log->LastWitnessed(Node("probation")), *second);
  // Presenting the older checkpoint again is a rollback.
  auto rollback = log->WitnessCheckpoint(peer_key.verifying_key(), *first, {});
  ASSERT_FALSE(rollback);
  EXPECT_NE(rollback.error().message.find("rollback"), std::string::npos);
  EXPECT_EQ(**log->LastWitnessed(Node("probation")), *second);
}

TEST_F(AuditLogTest, EntriesSinceReturnsEntriesAtOrAfterTheTime) {
  auto log = OpenLog();
  AppendSamples(*log, 10);
  auto recent = log->EntriesSince(testing::At(6));
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 4u);
  EXPECT_EQ(recent->front(), SampleEntry(6));
}

TEST_F(AuditLogTest, RefusesAnotherNodeOrIdentityKeyOrStoreKey) {
  { auto log = OpenLog(); }
  auto other_node = AuditLog::Open(Path(), key_, Node("nhs"), identity_, ManualCheckpoints());
  ASSERT_FALSE(other_node);
  EXPECT_EQ(other_node.error().code, Code::kInvalidArgument);
  const auto other_key = IdentityKey(3);
  auto other_identity = AuditLog::Open(Path(), key_, node_, other_key, ManualCheckpoints());
  ASSERT_FALSE(other_identity);
  EXPECT_EQ(other_identity.error().code, Code::kInvalidArgument);
  auto wrong = AuditLog::Open(Path(), testing::StoreKey(9), node_, identity_, ManualCheckpoints());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Code::kCorruption);
}

}  // namespace
}  // namespace tandem::node::audit
