#include "core/synth/internal/days.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tandem::core::synth::internal {
namespace {

void AppendDigits(std::string& out, int value, int width) {
  std::array<char, 8> buf{};
  for (int i = width - 1; i >= 0; --i) {
    buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf.data(), static_cast<std::size_t>(width));
}

}  // namespace

Day AddYears(Day day, int years) {
  const Date date = ToDate(day);
  const int year = date.year() + years;
  const int d = std::min(date.day(), DaysInMonth(year, date.month()));
  return ToDay(*Date::FromYmd(year, date.month(), d));
}

int AgeOn(Day birth, Day on) { return ToDate(on).YearsSince(ToDate(birth)); }

Day YearStart(int year) { return ToDay(*Date::FromYmd(year, 1, 1)); }

Day DrawDay(Day from, Day to, Rng& rng) {
  if (to <= from) return from;
  return from + static_cast<Day>(rng.Below(static_cast<std::uint64_t>(to - from) + 1));
}

void AppendIso(std::string& out, Day day) {
  const Date date = ToDate(day);
  AppendDigits(out, date.year(), 4);
  out.push_back('-');
  AppendDigits(out, date.month(), 2);
  out.push_back('-');
  AppendDigits(out, date.day(), 2);
}

void AppendDmySlash(std::string& out, Day day) {
  const Date date = ToDate(day);
  AppendDigits(out, date.day(), 2);
  out.push_back('/');
  AppendDigits(out, date.month(), 2);
  out.push_back('/');
  AppendDigits(out, date.year(), 4);
}

void AppendDMonY(std::string& out, Day day) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date date = ToDate(day);
  AppendDigits(out, date.day(), 2);
  out.push_back('-');
  out.append(kMonths[static_cast<std::size_t>(date.month() - 1)]);
  out.push_back('-');
  AppendDigits(out, date.year(), 4);
}

}  // namespace tandem::core::synth::internal
