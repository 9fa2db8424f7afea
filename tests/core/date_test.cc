#include "core/date.h"

#include <gtest/gtest.h>

namespace tandem::core {
namespace {

TEST(DateTest, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29).has_value());
  EXPECT_TRUE(Date::FromYmd(2000, 2, 29).has_value());
  EXPECT_FALSE(Date::FromYmd(1900, 2, 29).has_value());
  EXPECT_FALSE(Date::FromYmd(2023, 2, 29).has_value());
}

TEST(DateTest, RefusesImpossibleDatesWithAReason) {
  const auto date = Date::FromYmd(1985, 2, 31);
  ASSERT_FALSE(date.has_value());
  EXPECT_EQ(date.error().code, Code::kInvalidArgument);
  EXPECT_NE(date.error().message.find("day 31"), std::string::npos);
  EXPECT_FALSE(Date::FromYmd(1985, 13, 1).has_value());
  EXPECT_FALSE(Date::FromYmd(1985, 0, 1).has_value());
  EXPECT_FALSE(Date::FromYmd(1985, 4, 0).has_value());
  EXPECT_FALSE(Date::FromYmd(1700, 1, 1).has_value());
}

TEST(DateTest, DaysSinceEpochRoundTripsOverTwoCenturies) {
  for (std::int32_t days = -60000; days <= 60000; days += 7) {
    EXPECT_EQ(Date::FromDaysSinceEpoch(days).DaysSinceEpoch(), days);
  }
  EXPECT_EQ(Date::FromYmd(1970, 1, 1)->DaysSinceEpoch(), 0);
  EXPECT_EQ(Date::FromYmd(2000, 3, 1)->DaysSinceEpoch(), 11017);
}

TEST(DateTest, FormatsAsIso) { EXPECT_EQ(Date::FromYmd(1986, 4, 11)->ToIso(), "1986-04-11"); }

TEST(DateTest, ComputesAgeOnBirthdayBoundaries) {
  const Date birth = *Date::FromYmd(1986, 4, 11);
  EXPECT_EQ(Date::FromYmd(2026, 4, 10)->YearsSince(birth), 39);
  EXPECT_EQ(Date::FromYmd(2026, 4, 11)->YearsSince(birth), 40);
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT(*Date::FromYmd(2025, 12, 31), *Date::FromYmd(2026, 1, 1));
  EXPECT_EQ(*Date::FromYmd(2026, 1, 1), *Date::FromYmd(2026, 1, 1));
}

}  // namespace
}  // namespace tandem::core
