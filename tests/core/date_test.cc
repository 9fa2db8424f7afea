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

TEST(DateTest, ReadsIsoTextAndItsOwnOutput) {
  const auto date = Date::FromIso("1986-04-11");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, *Date::FromYmd(1986, 4, 11));
  for (std::int32_t days = -50000; days <= 50000; days += 13) {
    const Date written = Date::FromDaysSinceEpoch(days);
    const auto read = Date::FromIso(written.ToIso());
    ASSERT_TRUE(read.has_value()) << written.ToIso();
    EXPECT_EQ(*read, written);
  }
}

TEST(DateTest, RefusesIsoTextThatIsNotExactlyDigitsAndTwoHyphens) {
  for (const char* text :
       {"", "1986-4-11", "1986-04-1", "1986-04-111", "1986/04/11", "19860411xx", "1986-+4-11",
        "1986- 4-11", "+986-04-11", "-986-04-11", "1986-04-1a", "11/04/1986", "1986-04-11 "}) {
    const auto date = Date::FromIso(text);
    ASSERT_FALSE(date.has_value()) << text;
    EXPECT_EQ(date.error().code, Code::kInvalidArgument);
    EXPECT_EQ(date.error().message, "not a date in the form YYYY-MM-DD") << text;
  }
}

TEST(DateTest, RefusesAnIsoDateThatDoesNotExistWithFromYmdsReason) {
  const auto date = Date::FromIso("2023-02-29");
  ASSERT_FALSE(date.has_value());
  EXPECT_NE(date.error().message.find("day 29"), std::string::npos);
  EXPECT_FALSE(Date::FromIso("1986-13-01").has_value());
  EXPECT_FALSE(Date::FromIso("1986-00-10").has_value());
  EXPECT_FALSE(Date::FromIso("1700-01-01").has_value());
}

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
