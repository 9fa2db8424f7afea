// A civil (proleptic Gregorian) calendar date without time zone, as agency exports carry
// them. Value type; thread-compatible. Only valid dates can be constructed.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::core {

class Date {
 public:
  // kInvalidArgument unless 1 <= month <= 12 and day exists in that month (leap years
  // included) and 1800 <= year <= 2200. The message names the offending part.
  static Result<Date> FromYmd(int year, int month, int day);

  // The date written "YYYY-MM-DD": exactly ten characters, digits but for the two hyphens (no
  // sign, no space), then as FromYmd. kInvalidArgument otherwise; the message never repeats the
  // text, which may be a date of birth.
  static Result<Date> FromIso(std::string_view text);

  // The date `days` after 1970-01-01 (negative before). Precondition: in the range above.
  static Date FromDaysSinceEpoch(std::int32_t days);
  // The UTC day of a point in time.
  static Date DayOf(std::chrono::sys_seconds time);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }

  // Days since 1970-01-01; differences give ages and intervals.
  std::int32_t DaysSinceEpoch() const;

  // "YYYY-MM-DD".
  std::string ToIso() const;

  // Whole years from `birth` to this date (the age on this date).
  int YearsSince(const Date& birth) const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  std::int16_t year_;
  std::int8_t month_;
  std::int8_t day_;
};

// True for Gregorian leap years.
bool IsLeapYear(int year);

// Days in `month` (1-12) of `year`; 0 for a month out of range.
int DaysInMonth(int year, int month);

}  // namespace tandem::core
