#include "agency-adapters/internal/ref_index.h"

#include <gtest/gtest.h>

#include <string>

namespace tandem::adapters::internal {
namespace {

TEST(RefIndexTest, ReturnsTheFirstLineOfARepeatedReference) {
  RefIndex index;
  EXPECT_EQ(index.Insert("N0000001", 2), std::nullopt);
  EXPECT_EQ(index.Insert("N0000002", 3), std::nullopt);
  EXPECT_EQ(index.Insert("N0000001", 9), 2u);
  EXPECT_EQ(index.Insert("N0000001", 10), 2u);
  EXPECT_EQ(index.size(), 2u);
}

TEST(RefIndexTest, KeepsEveryReferenceAcrossGrowth) {
  RefIndex index;
  for (std::size_t i = 0; i < 100000; ++i) {
    ASSERT_EQ(index.Insert("C" + std::to_string(i), i + 2), std::nullopt) << i;
  }
  EXPECT_EQ(index.size(), 100000u);
  for (std::size_t i = 0; i < 100000; i += 997) {
    EXPECT_EQ(index.Insert("C" + std::to_string(i), 1'000'000), i + 2);
  }
  EXPECT_EQ(index.Insert("C100000", 7), std::nullopt);
}

TEST(RefIndexTest, TellsPrefixesApart) {
  RefIndex index;
  EXPECT_EQ(index.Insert("OC1", 2), std::nullopt);
  EXPECT_EQ(index.Insert("OC12", 3), std::nullopt);
  EXPECT_EQ(index.Insert("OC", 4), std::nullopt);
  EXPECT_EQ(index.Insert("OC12", 5), 3u);
}

}  // namespace
}  // namespace tandem::adapters::internal
