#include "agency-adapters/internal/date_formats.h"

#include <array>
#include <optional>
#include <string>

namespace tandem::adapters::internal {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Digits at [pos, pos + count) as a number; nullopt unless all are ASCII digits.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// 1-12 for a three-letter English month abbreviation in any case.
std::optional<int> MonthAbbreviation(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
    const std::string_view name = kMonthNames[m];
    if (Lower(text[0]) == Lower(name[0]) && Lower(text[1]) == name[1] &&
        Lower(text[2]) == name[2]) {
      return static_cast<int>(m + 1);
    }
  }
  return std::nullopt;
}

struct Ymd {
  int year;
  int month;
  int day;
};

// The fixed layout of each notation: where the parts are and which separators sit between.
std::optional<Ymd> Split(std::string_view text, DateFormat format) {
  switch (format) {
    case DateFormat::kIso: {
      if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
      const auto y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
      if (!y || !m || !d) return std::nullopt;
      return Ymd{*y, *m, *d};
    }
    case DateFormat::kDayMonthYear: {
      if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
      const auto d = Digits(text, 0, 2), m = Digits(text, 3, 2), y = Digits(text, 6, 4);
      if (!y || !m || !d) return std::nullopt;
      return Ymd{*y, *m, *d};
    }
    case DateFormat::kDayMonYear: {
      if (text.size() != 11 || text[2] != '-' || text[6] != '-') return std::nullopt;
      const auto d = Digits(text, 0, 2), y = Digits(text, 7, 4);
      const auto m = MonthAbbreviation(text.substr(3, 3));
      if (!y || !m || !d) return std::nullopt;
      return Ymd{*y, *m, *d};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view DateFormatPattern(DateFormat format) {
  switch (format) {
    case DateFormat::kIso:
      return "YYYY-MM-DD";
    case DateFormat::kDayMonthYear:
      return "DD/MM/YYYY";
    case DateFormat::kDayMonYear:
      return "DD-Mon-YYYY";
  }
  return "?";
}

Result<core::Date> ParseDate(std::string_view text, DateFormat format) {
  const auto ymd = Split(text, format);
  if (!ymd) {
    return Fail(Code::kInvalidArgument,
                "is not a date in the form " + std::string(DateFormatPattern(format)));
  }
  if (ymd->month < 1 || ymd->month > 12) {
    return Fail(Code::kInvalidArgument,
                "is not a date: there is no month " + std::to_string(ymd->month));
  }
  const std::string month_year =
      std::string(kMonthNames[ymd->month - 1]) + " " + std::to_string(ymd->year);
  if (ymd->day < 1 || ymd->day > core::DaysInMonth(ymd->year, ymd->month)) {
    return Fail(Code::kInvalidArgument,
                "is not a date: " + month_year + " has no day " + std::to_string(ymd->day));
  }
  auto date = core::Date::FromYmd(ymd->year, ymd->month, ymd->day);
  if (!date) {
    return Fail(Code::kInvalidArgument, "is not a usable date: year " + std::to_string(ymd->year) +
                                            " is outside 1800-2200");
  }
  return *date;
}

}  // namespace tandem::adapters::internal
