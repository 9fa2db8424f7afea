// Dates inside the generator are whole days since 1970-01-01 (cheap to compare and add);
// they become core::Date only to be written. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

using Day = std::int32_t;

inline Day ToDay(const Date& date) { return date.DaysSinceEpoch(); }
inline Date ToDate(Day day) { return Date::FromDaysSinceEpoch(day); }

// The same calendar day `years` later (29 February becomes 28 February when needed).
Day AddYears(Day day, int years);

// Whole years from `birth` to `on`.
int AgeOn(Day birth, Day on);

// 1 January of `year`.
Day YearStart(int year);

// A day drawn uniformly from [from, to]; `from` when to <= from.
Day DrawDay(Day from, Day to, Rng& rng);

// Writers for the three date formats the exports use.
void AppendIso(std::string& out, Day day);       // 1986-04-11
void AppendDmySlash(std::string& out, Day day);  // 11/04/1986
void AppendDMonY(std::string& out, Day day);     // 11-Apr-1986

}  // namespace tandem::core::synth::internal
