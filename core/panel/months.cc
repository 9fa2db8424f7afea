#include "core/panel/months.h"

#include <algorithm>

#include "core/check.h"

namespace tandem::core::panel {

Date MonthsBefore(const Date& date, int months) {
  TANDEM_CHECK(months >= 0);
  const int index = date.year() * 12 + (date.month() - 1) - months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const int day = std::min(date.day(), DaysInMonth(year, month));
  Result<Date> result = Date::FromYmd(year, month, day);
  TANDEM_CHECK(result.has_value());
  return *result;
}

int WholeMonthsBetween(const Date& from, const Date& to) {
  if (to <= from) return 0;
  int months = (to.year() - from.year()) * 12 + (to.month() - from.month());
  if (to.day() < from.day() && to.day() < DaysInMonth(to.year(), to.month())) --months;
  return std::max(months, 0);
}

bool InWindow(const Date& date, const Date& from, const Date& to) {
  return from < date && date <= to;
}

}  // namespace tandem::core::panel
