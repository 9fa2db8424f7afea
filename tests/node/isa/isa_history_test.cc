#include "node/isa/isa_history.h"

#include <gtest/gtest.h>

#include "crypto/digest.h"
#include "node/audit/local_entry.h"
#include "tests/node/audit/queued_entries.h"
#include "tests/node/isa/isa_fixture.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::isa {
namespace {

using tandem::testing::At;
using tandem::testing::QueuedEntries;
using tandem::testing::TempDir;
using tandem::testing::VectorIsaVersion;

class IsaHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::OpenUnencrypted(dir_ / "store.db", {.create_if_missing = true});
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(IsaHistoryTest, TheSignedContentDigestIsOfWhatThePartiesSignedNotOfTheSignatures) {
  protocol::Isa isa = VectorIsaVersion(1);
  auto digest = SignedContentSha256(isa);
  ASSERT_TRUE(digest) << digest.error().message;
  EXPECT_EQ(*digest, crypto::Sha256Hex(*protocol::IsaSigningBytes(isa)));
  isa.signatures.clear();
  EXPECT_EQ(*SignedContentSha256(isa), *digest);
  isa.purposes[0].retention_days += 1;
  EXPECT_NE(*SignedContentSha256(isa), *digest);
}

TEST_F(IsaHistoryTest, EachVersionPutInForceIsRecordedOnceWithItsEntry) {
  const protocol::Isa v1 = VectorIsaVersion(1);
  const protocol::Isa v2 = VectorIsaVersion(2);

  auto first = RecordIsaInForce(*store_, v1, "police", At("2026-11-22T14:00:00Z"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(*first);
  // A restart under the same agreement records nothing.
  auto again = RecordIsaInForce(*store_, v1, "police", At("2026-11-23T08:00:00Z"));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(*again);
  auto second = RecordIsaInForce(*store_, v2, "police", At("2026-11-24T09:30:00Z"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(*second);

  const auto entries = QueuedEntries(*store_);
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.kind, audit::kIsaChangeKind);
    EXPECT_EQ(entry.actor, "police");
    EXPECT_EQ(entry.recipient, "store");
    EXPECT_EQ(entry.isa_id, "hhpp-dorset");
    EXPECT_EQ(entry.purpose, "");
    EXPECT_TRUE(entry.subject_tokens.empty());
    EXPECT_TRUE(entry.fields.empty());
  }
  EXPECT_EQ(entries[0].isa_version, 1);
  EXPECT_EQ(entries[0].processing,
            "ISA hhpp-dorset version 1 in force, the first agreement recorded at this node");
  EXPECT_EQ(entries[0].request_sha256, *SignedContentSha256(v1));
  EXPECT_EQ(entries[0].at, At("2026-11-22T14:00:00Z"));
  EXPECT_EQ(entries[1].isa_version, 2);
  EXPECT_EQ(entries[1].processing,
            "ISA hhpp-dorset version 2 in force, replacing ISA hhpp-dorset version 1");
  EXPECT_EQ(entries[1].request_sha256, *SignedContentSha256(v2));

  auto last = store_->LastIsaInForce();
  ASSERT_TRUE(last && last->has_value());
  EXPECT_EQ((*last)->version, 2);
  EXPECT_EQ((*last)->signed_sha256, *SignedContentSha256(v2));
  EXPECT_EQ((*last)->since, "2026-11-24T09:30:00Z");
}

TEST_F(IsaHistoryTest, ADifferentDocumentUnderTheSameVersionIsRecordedAndSaidSo) {
  protocol::Isa isa = VectorIsaVersion(1);
  ASSERT_TRUE(RecordIsaInForce(*store_, isa, "police", At("2026-11-22T14:00:00Z")));
  isa.purposes[0].retention_days = 30;
  auto recorded = RecordIsaInForce(*store_, isa, "police", At("2026-11-22T15:00:00Z"));
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_TRUE(*recorded);
  const auto entries = QueuedEntries(*store_);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].processing,
            "ISA hhpp-dorset version 1 in force, replacing a differently signed document of the "
            "same version");
}

}  // namespace
}  // namespace tandem::node::isa
