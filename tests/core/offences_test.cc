#include "core/offences.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tandem::core {
namespace {

TEST(OffencesTest, HoldsTheWholeTableOfTheDomainWithUniqueCodes) {
  EXPECT_EQ(Offences().size(), 26u);
  std::set<std::string> codes;
  for (const Offence& o : Offences()) {
    EXPECT_TRUE(codes.insert(std::string(o.code)).second) << o.code;
    EXPECT_GT(o.cchi_days, 0) << o.code;
  }
}

TEST(OffencesTest, FindsAnOffenceByItsCode) {
  const auto murder = FindOffence("MURDER");
  ASSERT_TRUE(murder.has_value());
  EXPECT_EQ(murder->cchi_days, 5475);
  EXPECT_TRUE(murder->high_harm);
  const auto strangulation = FindOffence("NON_FATAL_STRANGULATION");
  ASSERT_TRUE(strangulation.has_value());
  EXPECT_EQ(strangulation->cchi_days, 365);
  EXPECT_TRUE(strangulation->high_harm);
  const auto shoplifting = FindOffence("THEFT_SHOP");
  ASSERT_TRUE(shoplifting.has_value());
  EXPECT_EQ(shoplifting->cchi_days, 1);
  EXPECT_FALSE(shoplifting->high_harm);
}

TEST(OffencesTest, DoesNotFindUnknownOrWronglyCasedCodes) {
  EXPECT_FALSE(FindOffence("").has_value());
  EXPECT_FALSE(FindOffence("murder").has_value());
  EXPECT_FALSE(FindOffence("SHOPLIFTING").has_value());
}

TEST(OffencesTest, CommonAssaultIsHighHarmOnlyWhenDomestic) {
  const auto assault = FindOffence("COMMON_ASSAULT");
  ASSERT_TRUE(assault.has_value());
  EXPECT_FALSE(assault->high_harm);
  EXPECT_TRUE(assault->high_harm_when_domestic);
  EXPECT_FALSE(IsHighHarm(*assault, /*domestic_abuse=*/false));
  EXPECT_TRUE(IsHighHarm(*assault, /*domestic_abuse=*/true));
}

TEST(OffencesTest, OtherOffencesAreHighHarmOrNotWhateverTheContext) {
  for (const Offence& o : Offences()) {
    if (o.code == "COMMON_ASSAULT") continue;
    EXPECT_FALSE(o.high_harm_when_domestic) << o.code;
    EXPECT_EQ(IsHighHarm(o, false), IsHighHarm(o, true)) << o.code;
  }
  EXPECT_TRUE(IsHighHarm(*FindOffence("STALKING"), false));
  EXPECT_FALSE(IsHighHarm(*FindOffence("ROBBERY"), true));
}

}  // namespace
}  // namespace tandem::core
