// Calendar-month arithmetic for the panel's windows ("the last 24 months", "the 6 months
// before"). Pure functions on core::Date; thread-safe.
#pragma once

#include "core/date.h"

namespace tandem::core::panel {

// The date `months` calendar months before `date`, the day clamped to the month's length
// (2024-03-31 minus one month is 2024-02-29). Precondition: months >= 0 and the result is in
// Date's range.
Date MonthsBefore(const Date& date, int months);

// Whole calendar months from `from` to `to` (0 when `to` is less than a month after `from`,
// negative never: 0 when `to` is before `from`).
int WholeMonthsBetween(const Date& from, const Date& to);

// True when from < date <= to: the half-open window every panel score uses.
bool InWindow(const Date& date, const Date& from, const Date& to);

}  // namespace tandem::core::panel
