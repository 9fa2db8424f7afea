#include "core/date.h"

#include <array>
#include <cstdio>

#include "core/check.h"

namespace tandem::core {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1800 || year > 2200) {
    return Fail(Code::kInvalidArgument, "year " + std::to_string(year) + " is out of range");
  }
  if (month < 1 || month > 12) {
    return Fail(Code::kInvalidArgument, "month " + std::to_string(month) + " does not exist");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Fail(Code::kInvalidArgument, "day " + std::to_string(day) + " does not exist in " +
                                            std::to_string(year) + "-" + std::to_string(month));
  }
  return Date(year, month, day);
}

Result<Date> Date::FromIso(std::string_view text) {
  // The value of the `count` digits at `at`, or -1 if any of them is not a digit.
  const auto digits = [text](std::size_t at, std::size_t count) {
    int value = 0;
    for (const char c : text.substr(at, count)) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const auto bad = [] { return Fail(Code::kInvalidArgument, "not a date in the form YYYY-MM-DD"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  const int year = digits(0, 4);
  const int month = digits(5, 2);
  const int day = digits(8, 2);
  if (year < 0 || month < 0 || day < 0) return bad();
  return FromYmd(year, month, day);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
std::int32_t Date::DaysSinceEpoch() const {
  int y = year_ - (month_ <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month_ + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day_ - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::DayOf(std::chrono::sys_seconds time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  return FromDaysSinceEpoch(static_cast<std::int32_t>(day.time_since_epoch().count()));
}

Date Date::FromDaysSinceEpoch(std::int32_t days) {
  const std::int32_t z = days + 719468;
  const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int32_t doe = z - era * 146097;
  const std::int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int32_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  auto date = FromYmd(y, m, d);
  TANDEM_CHECK(date.has_value());
  return *date;
}

std::string Date::ToIso() const {
  std::array<char, 16> buf{};
  (void)std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", year_, month_, day_);
  return buf.data();
}

int Date::YearsSince(const Date& birth) const {
  int years = year_ - birth.year_;
  if (month_ < birth.month_ || (month_ == birth.month_ && day_ < birth.day_)) --years;
  return years;
}

}  // namespace tandem::core
