#include "core/agency.h"

#include <gtest/gtest.h>

namespace tandem::core {
namespace {

TEST(AgencyTest, NamesRoundTripForEveryKind) {
  for (AgencyKind kind : kAllAgencyKinds) {
    const auto parsed = ParseAgencyKind(AgencyName(kind));
    ASSERT_TRUE(parsed.has_value()) << AgencyName(kind);
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(AgencyTest, UsesTheHyphenatedNamesOfTheExports) {
  EXPECT_EQ(AgencyName(AgencyKind::kSubstanceMisuse), "substance-misuse");
  EXPECT_EQ(AgencyName(AgencyKind::kVictimAdvocacy), "victim-advocacy");
}

TEST(AgencyTest, RefusesUnknownAndWronglyCasedNames) {
  EXPECT_FALSE(ParseAgencyKind("Police").has_value());
  EXPECT_FALSE(ParseAgencyKind("social-care").has_value());
  EXPECT_FALSE(ParseAgencyKind("").has_value());
}

}  // namespace
}  // namespace tandem::core
