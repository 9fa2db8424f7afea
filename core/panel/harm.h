// Crime harm (CCHI days) of a person's occurrences over a window and month by month, as the
// ranking algorithm and the case pack's harm history use it. Counts every occurrence the
// person is accused of (suspect or offender, any outcome), dated by the committed date.
// Weights come from the offence table passed in (core/offences.h). Pure; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/date.h"
#include "core/panel/occurrence.h"
#include "core/result.h"

namespace tandem::core::panel {

struct WindowHarm {
  int cchi_days = 0;    // plain sum
  double adjusted = 0;  // sum with domestic abuse occurrences weighted (vulnerability)
  int occurrences = 0;
  bool high_harm = false;                  // any occurrence high harm (core::IsHighHarm)
  std::vector<std::string> high_harm_ids;  // which ones
};

// Harm of occurrences committed in (from, to]. `domestic_abuse_weight` multiplies the CCHI days
// of occurrences flagged domestic abuse in `adjusted` (1 = no adjustment).
// Errors: kInvalidArgument for an unknown offence code (names the occurrence) or a weight
// below 1 or above 10.
Result<WindowHarm> HarmInWindow(std::span<const Occurrence> occurrences, const Date& from,
                                const Date& to, const OffenceTable& offences,
                                double domestic_abuse_weight = 1.0);

struct MonthHarm {
  int year = 0;
  int month = 0;  // 1-12
  int cchi_days = 0;
  int occurrences = 0;
};

// One entry per calendar month from the month of `first` to the month of `last` (inclusive,
// empty months included with 0), summing accused occurrences committed in each month.
// Errors: kInvalidArgument for an unknown offence code, or last before first, or more than
// 240 months.
Result<std::vector<MonthHarm>> HarmByMonth(std::span<const Occurrence> occurrences,
                                           const Date& first, const Date& last,
                                           const OffenceTable& offences);

}  // namespace tandem::core::panel
