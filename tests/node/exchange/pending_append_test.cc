// The audit log's queued appends, which let a sender commit its record of a request while the
// request travels: the order of the log is the order of queueing, and Wait is durability.
#include <gtest/gtest.h>

#include "node/audit/audit_log.h"
#include "tests/node/audit/audit_fixture.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::audit {
namespace {

using testing::SampleEntry;

class PendingAppendTest : public testing::AuditLogTestBase {};

TEST_F(PendingAppendTest, QueuedEntriesTakeTheirPlacesInQueueOrderAndAreDurableAfterWait) {
  auto log = OpenLog();
  auto first = log->Enqueue(SampleEntry(0));
  auto second = log->Enqueue(SampleEntry(1));
  ASSERT_TRUE(first && second);
  auto after = log->Append(SampleEntry(2));  // queued after both, so durable after both
  ASSERT_TRUE(after);
  EXPECT_EQ(after->leaf_index, 2u);
  auto second_receipt = (*second)->Wait();
  auto first_receipt = (*first)->Wait();
  ASSERT_TRUE(first_receipt && second_receipt);
  EXPECT_EQ(first_receipt->leaf_index, 0u);
  EXPECT_EQ(second_receipt->leaf_index, 1u);
  EXPECT_EQ(*log->LeafHash(1), second_receipt->leaf_hash);
  EXPECT_EQ(log->Entry(0)->kind, SampleEntry(0).kind);
  EXPECT_EQ(log->size(), 3u);
}

TEST_F(PendingAppendTest, AMalformedEntryIsRefusedWhenQueuedAndNothingIsAppended) {
  auto log = OpenLog();
  AuditEntry entry = SampleEntry(0);
  entry.kind.clear();
  auto refused = log->Enqueue(entry);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
  EXPECT_EQ(log->size(), 0u);
}

TEST_F(PendingAppendTest, AQueuedEntryThatIsNeverWaitedForIsStillAppended) {
  auto log = OpenLog();
  {
    auto pending = log->Enqueue(SampleEntry(0));
    ASSERT_TRUE(pending);
  }
  EXPECT_EQ(log->size(), 1u);
}

}  // namespace
}  // namespace tandem::node::audit
