#include "protocol/timestamp.h"

#include <gtest/gtest.h>

namespace tandem::protocol {
namespace {

TEST(TimestampTest, ParsesAndFormatsKnownInstants) {
  struct Case {
    const char* text;
    long long seconds;
  };
  for (const Case& c :
       {Case{"1970-01-01T00:00:00Z", 0}, Case{"2000-02-29T12:34:56Z", 951827696},
        Case{"2026-11-22T14:00:00Z", 1795356000}, Case{"9999-12-31T23:59:59Z", 253402300799}}) {
    auto parsed = ParseTimestamp(c.text);
    ASSERT_TRUE(parsed) << c.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->time_since_epoch().count(), c.seconds) << c.text;
    EXPECT_EQ(*FormatTimestamp(*parsed), c.text);
  }
}

TEST(TimestampTest, RoundTripsEveryDayAcrossFourHundredYears) {
  for (long long day = 0; day < 146097 + 400; day += 1) {
    const Seconds t{std::chrono::seconds(day * 86400 + (day * 7919) % 86400)};
    auto text = FormatTimestamp(t);
    ASSERT_TRUE(text);
    auto back = ParseTimestamp(*text);
    ASSERT_TRUE(back) << *text;
    ASSERT_EQ(*back, t) << *text;
  }
}

TEST(TimestampTest, RefusesOtherSpellingsAndImpossibleDates) {
  for (const char* bad :
       {"2026-11-22T14:00:00", "2026-11-22t14:00:00Z", "2026-11-22T14:00:00.5Z",
        "2026-11-22T14:00:00+00:00", "2026-11-22 14:00:00Z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-22T24:00:00Z",
        "2026-11-22T23:59:60Z", "1969-12-31T23:59:59Z", "2026-1-22T14:00:00Z",
        "2026-11-22T14:00:0aZ", "", "+2026-11-22T14:00:00Z"}) {
    auto parsed = ParseTimestamp(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, Code::kInvalidArgument);
  }
}

TEST(TimestampTest, RefusesToFormatTimesOutsideTheRange) {
  EXPECT_FALSE(FormatTimestamp(Seconds{std::chrono::seconds(-1)}));
  EXPECT_FALSE(FormatTimestamp(Seconds{std::chrono::seconds(253402300800)}));
}

}  // namespace
}  // namespace tandem::protocol
