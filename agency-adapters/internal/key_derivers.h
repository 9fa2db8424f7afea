// The functions behind the rows of the match-key tables (match_keys.cc): each writes the
// values of one key type for one identity. Pure; thread-safe.
#pragma once

#include "agency-adapters/match_keys.h"

namespace tandem::adapters::internal {

void DerivePncId(const MatchKeySource& source, KeyValueSink& sink);
void DeriveNhsNumber(const MatchKeySource& source, KeyValueSink& sink);
void DeriveNiNumber(const MatchKeySource& source, KeyValueSink& sink);
// forename + surname + date of birth, for every name variant.
void DeriveNameDob(const MatchKeySource& source, KeyValueSink& sink);
// NYSIIS code of the surname + forename initial + date of birth.
void DerivePhoneticDob(const MatchKeySource& source, KeyValueSink& sink);
// forename and surname in either order + date of birth.
void DeriveSwappedNameDob(const MatchKeySource& source, KeyValueSink& sink);
// forename + surname + the date with day and month in ascending order.
void DeriveNameDayMonthFreeDob(const MatchKeySource& source, KeyValueSink& sink);
// forename + surname + year of birth + postcode district.
void DeriveNameYobDistrict(const MatchKeySource& source, KeyValueSink& sink);
// forename + date of birth + postcode district (a surname changed on marriage).
void DeriveForenameDobDistrict(const MatchKeySource& source, KeyValueSink& sink);
// initials + date of birth + sex + postcode district (all that treatment data holds); an
// unknown sex gives a value for each sex.
void DeriveInitialsDobSexDistrict(const MatchKeySource& source, KeyValueSink& sink);
// initials + date of birth (treatment and victim-advocacy data meet on nothing more).
void DeriveInitialsDob(const MatchKeySource& source, KeyValueSink& sink);
// forename + surname + five-year period of birth: every period an estimated age allows.
void DeriveNameBirthPeriod(const MatchKeySource& source, KeyValueSink& sink);
// forename as given + surname + date of birth, the primary name only (the exact baseline).
void DeriveExactNameDob(const MatchKeySource& source, KeyValueSink& sink);

// The first year of the five-year period holding `year` (1983 gives 1980).
int BirthPeriodStart(int year);

// How far an estimated age may be from the truth, in years either way; the periods of
// name_birth_period cover every year of birth within it (and one more for the birthday).
inline constexpr int kEstimatedAgeSpread = 5;

}  // namespace tandem::adapters::internal
