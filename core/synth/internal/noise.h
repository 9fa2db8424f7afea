// How each agency's records differ from the truth: a table of per-agency noise rates
// (docs/synthetic-data.md lists them) and the functions that apply them to one record's
// name, date of birth, sex and address. Every result is a valid value: a typo is still a
// name, a day/month swap happens only when both are 12 or less, a postcode is a postcode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/agency.h"
#include "core/synth/internal/person.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

struct NoiseProfile {
  double forename_typo;
  double surname_typo;
  double nickname;  // forename written as a nickname (Danny for Daniel)
  double dob_swap;  // day and month swapped (only when both <= 12 and differ)
  double dob_slip;  // one day or one year out
  double dob_missing;
  double accent_drop;         // the system stores no accents: Zoë -> Zoe
  double apostrophe_variant;  // O'Brien -> OBrien / O Brien
  double mc_mac_variant;      // McDonald -> MacDonald / Mcdonald / Mc Donald
  double compound_variant;    // Smith-Jones -> Jones; de la Cruz -> Delacruz
  double upper_case;          // surname (police: whole name) in capitals
  double lower_case;          // whole name in lower case
  double stray_space;         // a leading or trailing space on a name or address
  double maiden_name;         // a woman who married is still held under her birth surname
  double older_address;       // the agency holds the address before the one of its record date
  double postcode_missing;
  double postcode_format;    // no space or lower case: BH149QT, bh14 9qt
  double middle_names_kept;  // middle names recorded when the person has them
  double sex_unknown;
};

// The profile of an agency kind.
const NoiseProfile& NoiseFor(AgencyKind kind);

enum class Casing { kAsIs, kUpper, kLower };

// One record's way of writing names, drawn from the profile.
Casing DrawCasing(const NoiseProfile& profile, Rng& rng);
std::string ApplyCasing(std::string_view text, Casing casing);

// The surname the agency holds on `as_of`: the birth surname before marriage (or, at the
// maiden_name rate, after it), then spelling variants, a typo, accents dropped. No casing.
// `used_maiden`, when given, tells whether the birth surname was used.
std::string RecordedSurname(const Person& person, const NoiseProfile& profile, Day as_of, Rng& rng,
                            bool* used_maiden = nullptr);

// The forename as the agency holds it: sometimes a nickname, a typo, accents dropped.
std::string RecordedForename(const Person& person, const NoiseProfile& profile, Rng& rng);

// Middle names, when kept, with accents dropped as the system does; may be empty.
std::string RecordedMiddleNames(const Person& person, const NoiseProfile& profile, Rng& rng);

// The date of birth as recorded; nullopt when missing.
std::optional<Day> RecordedDob(Day dob, const NoiseProfile& profile, Rng& rng);

// A day/month-swapped date when one exists (both <= 12 and different); nullopt otherwise.
std::optional<Day> SwapDayMonth(Day day);

// The index of the address the agency holds for a record made on `as_of`.
std::size_t RecordedAddress(const Person& person, const NoiseProfile& profile, Day as_of, Rng& rng);

// The postcode as written: sometimes missing, sometimes without its space or in lower case.
std::string RecordedPostcode(std::string_view postcode, const NoiseProfile& profile, Rng& rng);

// `text` with, at the profile's rate, a stray leading or trailing space.
std::string MaybeStraySpace(std::string text, const NoiseProfile& profile, Rng& rng);

// Whether the record shows the person's sex as unknown.
bool SexUnknown(const NoiseProfile& profile, Rng& rng);

}  // namespace tandem::core::synth::internal
