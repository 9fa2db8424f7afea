#include "node/isa/quota_counter.h"

#include <gtest/gtest.h>

#include "isa_fixture.h"

namespace tandem::node::isa {
namespace {

using testing::At;

TEST(QuotaCounterTest, RefusesTheRequestAfterTheQuotaWithTheSecondsUntilMidnight) {
  QuotaCounter quota({{"hhpp-case-pack", 3}});
  const auto now = At("2026-11-22T23:59:00Z");
  for (int i = 1; i <= 3; ++i) {
    const auto charge = quota.Charge("police", "hhpp-case-pack", now);
    ASSERT_TRUE(charge) << charge.status.error().message;
    EXPECT_EQ(charge.used, i);
  }
  const auto refused = quota.Charge("police", "hhpp-case-pack", now);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status.error().code, Code::kResourceExhausted);
  EXPECT_EQ(refused.retry_after, std::chrono::seconds(60));
  EXPECT_NE(refused.status.error().message.find("resets in 60 s"), std::string::npos)
      << refused.status.error().message;
  EXPECT_EQ(quota.Used("police", "hhpp-case-pack", now), 3);  // the refusal is not counted
}

TEST(QuotaCounterTest, ResetsAtTheUtcDayBoundary) {
  QuotaCounter quota({{"evaluation", 1}});
  ASSERT_TRUE(quota.Charge("police", "evaluation", At("2026-11-22T23:59:59Z")));
  const auto last_second = quota.Charge("police", "evaluation", At("2026-11-22T23:59:59Z"));
  ASSERT_FALSE(last_second);
  EXPECT_EQ(last_second.retry_after, std::chrono::seconds(1));
  EXPECT_TRUE(quota.Charge("police", "evaluation", At("2026-11-23T00:00:00Z")));
  EXPECT_FALSE(quota.Charge("police", "evaluation", At("2026-11-23T12:00:00Z")));
}

TEST(QuotaCounterTest, CountsEachPeerAndPurposeApart) {
  QuotaCounter quota({{"a", 1}, {"b", 1}});
  const auto now = At("2026-11-22T10:00:00Z");
  EXPECT_TRUE(quota.Charge("police", "a", now));
  EXPECT_TRUE(quota.Charge("nhs", "a", now));
  EXPECT_TRUE(quota.Charge("police", "b", now));
  EXPECT_FALSE(quota.Charge("police", "a", now));
}

TEST(QuotaCounterTest, RefusesAPurposeWithoutAQuota) {
  QuotaCounter quota({{"a", 1}});
  const auto charge = quota.Charge("police", "z", At("2026-11-22T10:00:00Z"));
  ASSERT_FALSE(charge);
  EXPECT_EQ(charge.status.error().code, Code::kPermissionDenied);
}

TEST(QuotaCounterTest, SeedRebuildsTodaysCountsAndIgnoresEarlierDays) {
  QuotaCounter quota({{"a", 5}});
  quota.Seed("police", "a", At("2026-11-22T01:00:00Z"), 3);
  quota.Seed("police", "a", At("2026-11-22T02:00:00Z"), 1);
  quota.Seed("police", "a", At("2026-11-21T02:00:00Z"), 100);  // an earlier day: dropped
  const auto now = At("2026-11-22T10:00:00Z");
  EXPECT_EQ(quota.Used("police", "a", now), 4);
  EXPECT_TRUE(quota.Charge("police", "a", now));
  EXPECT_FALSE(quota.Charge("police", "a", now));
}

TEST(QuotaCounterTest, ReplacingQuotasKeepsTheDaysCounts) {
  QuotaCounter quota({{"a", 1}});
  const auto now = At("2026-11-22T10:00:00Z");
  ASSERT_TRUE(quota.Charge("police", "a", now));
  ASSERT_FALSE(quota.Charge("police", "a", now));
  quota.ReplaceQuotas({{"a", 2}});
  EXPECT_TRUE(quota.Charge("police", "a", now));
  EXPECT_FALSE(quota.Charge("police", "a", now));
}

TEST(QuotaCounterTest, UntilResetIsAWholeDayAtMidnight) {
  EXPECT_EQ(QuotaCounter::UntilReset(At("2026-11-22T00:00:00Z")), std::chrono::seconds(86400));
  EXPECT_EQ(QuotaCounter::UntilReset(At("2026-11-22T12:00:00Z")), std::chrono::seconds(43200));
}

}  // namespace
}  // namespace tandem::node::isa
