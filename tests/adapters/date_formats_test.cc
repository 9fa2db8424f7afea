#include "agency-adapters/internal/date_formats.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tandem::adapters::internal {
namespace {

std::string Iso(std::string_view text, DateFormat format) {
  auto date = ParseDate(text, format);
  return date ? date->ToIso() : "error: " + date.error().message;
}

TEST(DateFormatsTest, ReadsIsoDates) {
  EXPECT_EQ(Iso("1986-04-11", DateFormat::kIso), "1986-04-11");
}

TEST(DateFormatsTest, ReadsDayMonthYearDates) {
  EXPECT_EQ(Iso("11/04/1986", DateFormat::kDayMonthYear), "1986-04-11");
}

TEST(DateFormatsTest, ReadsDayMonYearDatesWithTheMonthInAnyCase) {
  EXPECT_EQ(Iso("05-Mar-1984", DateFormat::kDayMonYear), "1984-03-05");
  EXPECT_EQ(Iso("05-MAR-1984", DateFormat::kDayMonYear), "1984-03-05");
  EXPECT_EQ(Iso("05-mar-1984", DateFormat::kDayMonYear), "1984-03-05");
  EXPECT_EQ(Iso("31-Dec-1999", DateFormat::kDayMonYear), "1999-12-31");
  EXPECT_EQ(Iso("01-Sep-2001", DateFormat::kDayMonYear), "2001-09-01");
}

TEST(DateFormatsTest, RefusesTheThirtyFirstOfFebruary) {
  EXPECT_EQ(Iso("31/02/1985", DateFormat::kDayMonthYear),
            "error: is not a date: February 1985 has no day 31");
  EXPECT_EQ(Iso("1985-02-31", DateFormat::kIso),
            "error: is not a date: February 1985 has no day 31");
  EXPECT_EQ(Iso("31-Feb-1985", DateFormat::kDayMonYear),
            "error: is not a date: February 1985 has no day 31");
}

TEST(DateFormatsTest, AcceptsTheTwentyNinthOfFebruaryOnlyInLeapYears) {
  EXPECT_EQ(Iso("29/02/1984", DateFormat::kDayMonthYear), "1984-02-29");
  EXPECT_EQ(Iso("29/02/2000", DateFormat::kDayMonthYear), "2000-02-29");
  EXPECT_EQ(Iso("29/02/1985", DateFormat::kDayMonthYear),
            "error: is not a date: February 1985 has no day 29");
  EXPECT_EQ(Iso("1900-02-29", DateFormat::kIso),
            "error: is not a date: February 1900 has no day 29");
  EXPECT_EQ(Iso("29-Feb-1988", DateFormat::kDayMonYear), "1988-02-29");
  EXPECT_EQ(Iso("29-Feb-1989", DateFormat::kDayMonYear),
            "error: is not a date: February 1989 has no day 29");
}

TEST(DateFormatsTest, RefusesMonthThirteenWithoutSwapping) {
  EXPECT_EQ(Iso("04/13/1986", DateFormat::kDayMonthYear),
            "error: is not a date: there is no month 13");
  EXPECT_EQ(Iso("1986-13-04", DateFormat::kIso), "error: is not a date: there is no month 13");
}

TEST(DateFormatsTest, RefusesDayZeroAndMonthZero) {
  EXPECT_EQ(Iso("00/04/1986", DateFormat::kDayMonthYear),
            "error: is not a date: April 1986 has no day 0");
  EXPECT_EQ(Iso("1986-00-11", DateFormat::kIso), "error: is not a date: there is no month 0");
}

TEST(DateFormatsTest, RefusesEveryOtherNotation) {
  const std::vector<const char*> iso_bad = {
      "11/04/1986", "1986/04/11", "1986-4-11",   "86-04-11",   "1986-04-11T00:00", "19860411",
      "1986-04-1",  "",           " 1986-04-11", "1986-O4-11", "11-Apr-1986"};
  for (const char* text : iso_bad) {
    EXPECT_EQ(Iso(text, DateFormat::kIso), "error: is not a date in the form YYYY-MM-DD") << text;
  }
  const std::vector<const char*> dmy_bad = {"1986-04-11",  "11-04-1986", "11.04.1986",
                                            "11/4/1986",   "1/04/1986",  "11/04/86",
                                            "11/Apr/1986", "11/04/1986 "};
  for (const char* text : dmy_bad) {
    EXPECT_EQ(Iso(text, DateFormat::kDayMonthYear), "error: is not a date in the form DD/MM/YYYY")
        << text;
  }
  const std::vector<const char*> mon_bad = {"05/03/1984",    "05-03-1984",  "5-Mar-1984",
                                            "05-March-1984", "05-Mrz-1984", "05 Mar 1984",
                                            "05-Mar-84",     "1984-Mar-05"};
  for (const char* text : mon_bad) {
    EXPECT_EQ(Iso(text, DateFormat::kDayMonYear), "error: is not a date in the form DD-Mon-YYYY")
        << text;
  }
}

TEST(DateFormatsTest, RefusesYearsOutsideTheRange) {
  EXPECT_NE(Iso("1700-01-01", DateFormat::kIso).find("outside 1800-2200"), std::string::npos);
}

}  // namespace
}  // namespace tandem::adapters::internal
