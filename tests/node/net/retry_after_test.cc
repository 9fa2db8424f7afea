#include "node/net/internal/retry_after.h"

#include <gtest/gtest.h>

#include <chrono>

namespace tandem::node::net::internal {
namespace {

using std::chrono::seconds;

// 1994-11-06T08:49:37Z, the example date of RFC 9110.
const std::chrono::system_clock::time_point kNow{seconds(784111777)};

TEST(RetryAfterTest, ReadsDeltaSeconds) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), seconds(120));
  EXPECT_EQ(ParseRetryAfter(" 0 ", kNow), seconds(0));
}

TEST(RetryAfterTest, ReadsAnHttpDateRelativeToNow) {
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:51:37 GMT", kNow), seconds(120));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kNow), seconds(0));
}

TEST(RetryAfterTest, APastDateMeansNoWait) {
  EXPECT_EQ(ParseRetryAfter("Sat, 05 Nov 1994 08:49:37 GMT", kNow), seconds(0));
}

TEST(RetryAfterTest, CapsHugeDelaysAtAYear) {
  EXPECT_EQ(ParseRetryAfter("99999999999999999999", kNow), seconds(366LL * 24 * 3600));
}

TEST(RetryAfterTest, RefusesAnythingElse) {
  EXPECT_EQ(ParseRetryAfter("", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("1.5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Xyz 1994 08:49:37 GMT", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 25:49:37 GMT", kNow), std::nullopt);
}

}  // namespace
}  // namespace tandem::node::net::internal
