#include "agency-adapters/internal/common_forenames.h"

#include <gtest/gtest.h>

namespace tandem::adapters::internal {
namespace {

TEST(CommonForenamesTest, ListIsSortedUniqueAndLowerCase) {
  const auto names = CommonForenames();
  ASSERT_GT(names.size(), 100u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (char c : names[i]) EXPECT_TRUE(c >= 'a' && c <= 'z') << names[i];
    if (i > 0) EXPECT_LT(names[i - 1], names[i]) << "entry " << i;
  }
}

TEST(CommonForenamesTest, FindsListedNamesOnly) {
  EXPECT_TRUE(IsCommonForename("paul"));
  EXPECT_TRUE(IsCommonForename("aaron"));  // first
  EXPECT_TRUE(IsCommonForename("zoe"));    // last
  EXPECT_FALSE(IsCommonForename("Paul"));
  EXPECT_FALSE(IsCommonForename("smithy"));
  EXPECT_FALSE(IsCommonForename(""));
}

}  // namespace
}  // namespace tandem::adapters::internal
