// RFC 3339 "Z" timestamps to and from seconds since the Unix epoch, proleptic Gregorian.
#include "protocol/timestamp.h"

#include <array>
#include <cstdint>
#include <string>

namespace tandem::protocol {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool IsLeap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(std::int64_t year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays.at(static_cast<std::size_t>(month - 1));
}

// Days from 1970-01-01 to the given civil date (year >= 1970), by counting whole years and
// months; at most 8030 years, so a loop is cheap and obviously right.
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  std::int64_t days = 0;
  // Whole 400-year cycles have 146097 days.
  const std::int64_t cycles = (year - 1970) / 400;
  days += cycles * 146097;
  for (std::int64_t y = 1970 + cycles * 400; y < year; ++y) days += IsLeap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += DaysInMonth(year, m);
  return days + day - 1;
}

Result<int> Digits(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return Fail(Code::kInvalidArgument,
                  "timestamp '" + std::string(text) + "' is not of the form YYYY-MM-DDTHH:MM:SSZ");
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Result<Seconds> ParseTimestamp(std::string_view text) {
  const auto bad = [&text](std::string_view why) {
    return Fail(Code::kInvalidArgument,
                "timestamp '" + std::string(text) + "' " + std::string(why));
  };
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return bad("is not of the form YYYY-MM-DDTHH:MM:SSZ");
  }
  struct Field {
    std::size_t pos, count;
    int min, max;
  };
  static constexpr std::array<Field, 6> kFields = {{{0, 4, 1970, 9999},
                                                    {5, 2, 1, 12},
                                                    {8, 2, 1, 31},
                                                    {11, 2, 0, 23},
                                                    {14, 2, 0, 59},
                                                    {17, 2, 0, 59}}};
  std::array<std::int64_t, 6> values{};
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    auto value = Digits(text, kFields[i].pos, kFields[i].count);
    if (!value) return tl::unexpected(value.error());
    if (*value < kFields[i].min || *value > kFields[i].max) {
      return bad("has a field out of range (years 1970..9999, no leap seconds)");
    }
    values[i] = *value;
  }
  const int month = static_cast<int>(values[1]);
  const int day = static_cast<int>(values[2]);
  if (day > DaysInMonth(values[0], month)) return bad("names a day the month lacks");
  const std::int64_t days = DaysFromCivil(values[0], month, day);
  const std::int64_t seconds =
      days * kSecondsPerDay + values[3] * 3600 + values[4] * 60 + values[5];
  return Seconds(std::chrono::seconds(seconds));
}

Result<std::string> FormatTimestamp(Seconds time) {
  std::int64_t seconds = time.time_since_epoch().count();
  // 10000-01-01T00:00:00Z is 253402300800.
  if (seconds < 0 || seconds >= 253402300800) {
    return Fail(Code::kInvalidArgument, "time is outside years 1970..9999");
  }
  std::int64_t days = seconds / kSecondsPerDay;
  const std::int64_t rest = seconds % kSecondsPerDay;
  std::int64_t year = 1970 + (days / 146097) * 400;
  days %= 146097;
  while (days >= (IsLeap(year) ? 366 : 365)) days -= IsLeap(year++) ? 366 : 365;
  int month = 1;
  while (days >= DaysInMonth(year, month)) days -= DaysInMonth(year, month++);
  std::string out;
  const auto put = [&out](std::int64_t value, int width) {
    std::string digits = std::to_string(value);
    if (digits.size() < static_cast<std::size_t>(width)) {
      out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    }
    out += digits;
  };
  put(year, 4);
  out.push_back('-');
  put(month, 2);
  out.push_back('-');
  put(days + 1, 2);
  out.push_back('T');
  put(rest / 3600, 2);
  out.push_back(':');
  put(rest / 60 % 60, 2);
  out.push_back(':');
  put(rest % 60, 2);
  out.push_back('Z');
  return out;
}

Seconds SystemNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace tandem::protocol
