// The three date notations of the agency exports, read strictly: a date that is not exactly
// in the export's notation, or that does not exist, is refused with a reason; nothing is
// guessed (no swapping of day and month, no two-digit years).
#pragma once

#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace tandem::adapters::internal {

enum class DateFormat {
  kIso,           // YYYY-MM-DD (police, treatment)
  kDayMonthYear,  // DD/MM/YYYY (probation, nhs, idva)
  kDayMonYear,    // DD-Mon-YYYY, month name in any case (housing)
};

// "YYYY-MM-DD", "DD/MM/YYYY" or "DD-Mon-YYYY".
std::string_view DateFormatPattern(DateFormat format);

// The date `text` names. Errors: kInvalidArgument with a reason that reads after the quoted
// value ("is not a date: February 1985 has no day 31"); the value itself is not repeated.
Result<core::Date> ParseDate(std::string_view text, DateFormat format);

}  // namespace tandem::adapters::internal
