// The upper levels of the tree (complete subtrees of 256 entries and more) are served from
// memory: loaded when the log opens and extended as it grows. Proofs over them must be the
// same as over the stored hashes, before and after reopening, and a damaged or missing stored
// hash up there must show exactly as it did when every hash was read from the database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit_fixture.h"
#include "crypto/merkle.h"
#include "node/audit/audit_log.h"
#include "node/audit/entry.h"
#include "node/store/internal/raw_access.h"

namespace tandem::node::audit {
namespace {

using testing::SampleEntry;

// Past three upper levels (256, 512, 1024) with a ragged right edge.
constexpr int kEntries = 1100;

class AuditUpperLevelsTest : public testing::AuditLogTestBase {
 protected:
  // Appends kEntries in batches of uneven sizes, so level boundaries fall inside batches.
  void Fill(AuditLog& log) {
    int next = 0;
    for (int size : {1, 255, 3, 300, 97, 444}) {
      std::vector<AuditEntry> batch;
      for (int i = 0; i < size; ++i) batch.push_back(SampleEntry(next + i));
      ASSERT_TRUE(log.AppendBatch(batch));
      for (int i = 0; i < size; ++i) {
        auto data = EncodeEntry(SampleEntry(next + i));
        reference_.Append({reinterpret_cast<const std::uint8_t*>(data->data()), data->size()});
      }
      next += size;
    }
    ASSERT_EQ(next, kEntries);
  }

  // Every proof the log serves at these sizes equals the reference tree's.
  void ExpectSameProofsAsReference(AuditLog& log) {
    for (std::uint64_t size : {256u, 257u, 511u, 512u, 700u, 1024u, 1025u, 1100u}) {
      for (std::uint64_t index = 0; index < size; index += 37) {
        auto proof = log.InclusionProof(index, size);
        ASSERT_TRUE(proof) << proof.error().message;
        EXPECT_EQ(*proof, *crypto::InclusionProof(reference_, index, size))
            << index << " in " << size;
      }
      for (std::uint64_t first : {1u, 255u, 256u, 300u, 512u}) {
        if (first > size) continue;
        auto proof = log.ConsistencyProof(first, size);
        ASSERT_TRUE(proof) << proof.error().message;
        EXPECT_EQ(*proof, *crypto::ConsistencyProof(reference_, first, size))
            << first << " to " << size;
      }
      EXPECT_EQ(*log.RootAt(size), *crypto::MerkleRootAt(reference_, size)) << size;
    }
  }

  crypto::InMemoryMerkleTree reference_;
};

TEST_F(AuditUpperLevelsTest, ProofsMatchTheReferenceTreeWhileGrowingAndAfterReopening) {
  {
    auto log = OpenLog();
    Fill(*log);
    ExpectSameProofsAsReference(*log);
  }
  auto log = OpenLog();
  ExpectSameProofsAsReference(*log);
  // Growing after reopening extends the levels loaded from the database.
  for (int i = kEntries; i < 1300; ++i) {
    ASSERT_TRUE(log->Append(SampleEntry(i)));
    auto data = EncodeEntry(SampleEntry(i));
    reference_.Append({reinterpret_cast<const std::uint8_t*>(data->data()), data->size()});
  }
  auto proof = log->InclusionProof(3, 1300);
  ASSERT_TRUE(proof);
  EXPECT_EQ(*proof, *crypto::InclusionProof(reference_, 3, 1300));
  EXPECT_EQ(*log->RootAt(1300), reference_.Root());
}

TEST_F(AuditUpperLevelsTest, ServesAChangedStoredUpperHashAsStoredAndReportsAMissingOne) {
  {
    auto log = OpenLog();
    Fill(*log);
  }
  const std::string changed(64, 'c');
  ASSERT_TRUE(store::internal::ExecOnFile(Path(), &key_,
                                          "UPDATE nodes SET hash = X'" + changed +
                                              "' WHERE level = 8 AND idx = 0; " +
                                              "DELETE FROM nodes WHERE level = 9 AND idx = 0"));
  auto log = OpenLog();
  // Leaf 300's path holds [0, 256) as its sibling at level 8: the changed hash, as stored,
  // so the proof no longer verifies against the real root.
  auto proof = log->InclusionProof(300, 1100);
  ASSERT_TRUE(proof);
  ASSERT_EQ(proof->size(), 11u);
  crypto::MerkleHash stored;
  stored.fill(0xcc);
  EXPECT_EQ((*proof)[8], stored);
  EXPECT_FALSE(crypto::VerifyInclusion(*log->LeafHash(300), 300, 1100, *proof, reference_.Root()));
  // Leaf 600's path needs [0, 512), which is missing: the damage is reported.
  auto missing = log->InclusionProof(600, 1100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Code::kCorruption);
  EXPECT_NE(missing.error().message.find("[0, 512)"), std::string::npos) << missing.error().message;
  // Paths that avoid both are untouched.
  auto fine = log->InclusionProof(1050, 1100);
  ASSERT_TRUE(fine);
  EXPECT_TRUE(crypto::VerifyInclusion(*log->LeafHash(1050), 1050, 1100, *fine, reference_.Root()));
}

}  // namespace
}  // namespace tandem::node::audit
