#include "core/synth/internal/noise.h"

#include <array>

#include "core/synth/internal/name_noise.h"
#include "core/synth/internal/names.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

// Rates per agency kind, in core::kAllAgencyKinds order. docs/synthetic-data.md has this
// table; keep the two in step.
constexpr std::array<NoiseProfile, 6> kProfiles = {{
    // police
    {.forename_typo = 0.02,
     .surname_typo = 0.025,
     .nickname = 0.06,
     .dob_swap = 0.01,
     .dob_slip = 0.005,
     .dob_missing = 0.003,
     .accent_drop = 0.70,
     .apostrophe_variant = 0.15,
     .mc_mac_variant = 0.03,
     .compound_variant = 0.25,
     .upper_case = 0.25,
     .lower_case = 0.01,
     .stray_space = 0.02,
     .maiden_name = 0.30,
     .older_address = 0.20,
     .postcode_missing = 0.03,
     .postcode_format = 0.02,
     .middle_names_kept = 0.70,
     .sex_unknown = 0.005},
    // probation
    {.forename_typo = 0.015,
     .surname_typo = 0.02,
     .nickname = 0.03,
     .dob_swap = 0.01,
     .dob_slip = 0.005,
     .dob_missing = 0.0,
     .accent_drop = 0.50,
     .apostrophe_variant = 0.10,
     .mc_mac_variant = 0.03,
     .compound_variant = 0.20,
     .upper_case = 0.30,
     .lower_case = 0.01,
     .stray_space = 0.01,
     .maiden_name = 0.25,
     .older_address = 0.25,
     .postcode_missing = 0.02,
     .postcode_format = 0.02,
     .middle_names_kept = 0.0,
     .sex_unknown = 0.005},
    // nhs
    {.forename_typo = 0.01,
     .surname_typo = 0.01,
     .nickname = 0.01,
     .dob_swap = 0.003,
     .dob_slip = 0.002,
     .dob_missing = 0.002,
     .accent_drop = 0.10,
     .apostrophe_variant = 0.05,
     .mc_mac_variant = 0.02,
     .compound_variant = 0.10,
     .upper_case = 0.05,
     .lower_case = 0.005,
     .stray_space = 0.01,
     .maiden_name = 0.20,
     .older_address = 0.15,
     .postcode_missing = 0.01,
     .postcode_format = 0.01,
     .middle_names_kept = 0.0,
     .sex_unknown = 0.004},
    // housing
    {.forename_typo = 0.03,
     .surname_typo = 0.03,
     .nickname = 0.08,
     .dob_swap = 0.02,
     .dob_slip = 0.01,
     .dob_missing = 0.03,
     .accent_drop = 0.80,
     .apostrophe_variant = 0.20,
     .mc_mac_variant = 0.05,
     .compound_variant = 0.30,
     .upper_case = 0.80,
     .lower_case = 0.03,
     .stray_space = 0.04,
     .maiden_name = 0.35,
     .older_address = 0.0,
     .postcode_missing = 0.0,
     .postcode_format = 0.03,
     .middle_names_kept = 0.50,
     .sex_unknown = 0.0},
    // substance-misuse (initials only: typos cannot reach them)
    {.forename_typo = 0.0,
     .surname_typo = 0.0,
     .nickname = 0.08,
     .dob_swap = 0.02,
     .dob_slip = 0.01,
     .dob_missing = 0.01,
     .accent_drop = 1.0,
     .apostrophe_variant = 0.0,
     .mc_mac_variant = 0.0,
     .compound_variant = 0.25,
     .upper_case = 0.0,
     .lower_case = 0.05,
     .stray_space = 0.0,
     .maiden_name = 0.30,
     .older_address = 0.20,
     .postcode_missing = 0.02,
     .postcode_format = 0.0,
     .middle_names_kept = 0.0,
     .sex_unknown = 0.005},
    // victim-advocacy (the perpetrator as a victim describes him)
    {.forename_typo = 0.05,
     .surname_typo = 0.06,
     .nickname = 0.45,
     .dob_swap = 0.02,
     .dob_slip = 0.03,
     .dob_missing = 0.65,
     .accent_drop = 0.60,
     .apostrophe_variant = 0.30,
     .mc_mac_variant = 0.15,
     .compound_variant = 0.30,
     .upper_case = 0.0,
     .lower_case = 0.10,
     .stray_space = 0.02,
     .maiden_name = 0.10,
     .older_address = 0.0,
     .postcode_missing = 1.0,
     .postcode_format = 0.0,
     .middle_names_kept = 0.0,
     .sex_unknown = 0.0},
}};

}  // namespace

const NoiseProfile& NoiseFor(AgencyKind kind) { return kProfiles[AgencyIndex(kind)]; }

Casing DrawCasing(const NoiseProfile& profile, Rng& rng) {
  const double roll = rng.Unit();
  if (roll < profile.upper_case) return Casing::kUpper;
  if (roll < profile.upper_case + profile.lower_case) return Casing::kLower;
  return Casing::kAsIs;
}

std::string ApplyCasing(std::string_view text, Casing casing) {
  switch (casing) {
    case Casing::kUpper:
      return ToUpper(text);
    case Casing::kLower:
      return ToLower(text);
    case Casing::kAsIs:
      break;
  }
  return std::string(text);
}

std::string RecordedSurname(const Person& person, const NoiseProfile& profile, Day as_of, Rng& rng,
                            bool* used_maiden) {
  // Draw every decision up front so the stream advances the same way for every person.
  const bool maiden_anyway = rng.Chance(profile.maiden_name);
  const bool apostrophe = rng.Chance(profile.apostrophe_variant);
  const bool mc_mac = rng.Chance(profile.mc_mac_variant);
  const bool compound = rng.Chance(profile.compound_variant);
  const bool typo = rng.Chance(profile.surname_typo);
  const bool fold = rng.Chance(profile.accent_drop);
  std::string surname = person.surname;
  const bool maiden =
      !person.maiden_surname.empty() && (as_of < person.married_on || maiden_anyway);
  if (maiden) surname = person.maiden_surname;
  if (used_maiden != nullptr) *used_maiden = maiden;
  if (apostrophe) {
    if (auto v = ApostropheVariant(surname, rng)) surname = std::move(*v);
  }
  if (mc_mac) {
    if (auto v = McMacVariant(surname, rng)) surname = std::move(*v);
  }
  if (compound) {
    if (auto v = CompoundVariant(surname, rng)) surname = std::move(*v);
  }
  if (typo) surname = Typo(surname, rng);
  if (fold) surname = FoldAccents(surname);
  return surname;
}

std::string RecordedForename(const Person& person, const NoiseProfile& profile, Rng& rng) {
  const bool nickname = rng.Chance(profile.nickname);
  const bool typo = rng.Chance(profile.forename_typo);
  const bool fold = rng.Chance(profile.accent_drop);
  std::string forename = person.forename;
  if (nickname) {
    const auto nicknames = NicknamesOf(person.forename);
    if (!nicknames.empty()) forename = Capitalise(nicknames[rng.Below(nicknames.size())]);
  }
  if (typo) forename = Typo(forename, rng);
  if (fold) forename = FoldAccents(forename);
  return forename;
}

std::string RecordedMiddleNames(const Person& person, const NoiseProfile& profile, Rng& rng) {
  const bool kept = rng.Chance(profile.middle_names_kept);
  const bool fold = rng.Chance(profile.accent_drop);
  if (!kept || person.middle_names.empty()) return {};
  return fold ? FoldAccents(person.middle_names) : person.middle_names;
}

std::optional<Day> SwapDayMonth(Day day) {
  const Date date = ToDate(day);
  if (date.day() > 12 || date.day() == date.month()) return std::nullopt;
  return ToDay(*Date::FromYmd(date.year(), date.day(), date.month()));
}

std::optional<Day> RecordedDob(Day dob, const NoiseProfile& profile, Rng& rng) {
  const double roll = rng.Unit();
  const bool slip_day = rng.Chance(0.5);
  const bool later = rng.Chance(0.5);
  if (roll < profile.dob_missing) return std::nullopt;
  if (roll < profile.dob_missing + profile.dob_swap) {
    if (auto swapped = SwapDayMonth(dob)) return swapped;
    return dob;
  }
  if (roll < profile.dob_missing + profile.dob_swap + profile.dob_slip) {
    if (slip_day) return dob + (later ? 1 : -1);
    return AddYears(dob, later ? 1 : -1);
  }
  return dob;
}

std::size_t RecordedAddress(const Person& person, const NoiseProfile& profile, Day as_of,
                            Rng& rng) {
  const bool older = rng.Chance(profile.older_address);
  const std::size_t index = person.AddressIndexOn(as_of);
  return older && index > 0 ? index - 1 : index;
}

std::string RecordedPostcode(std::string_view postcode, const NoiseProfile& profile, Rng& rng) {
  const double roll = rng.Unit();
  const bool no_space = rng.Chance(0.5);
  if (roll < profile.postcode_missing) return {};
  if (roll < profile.postcode_missing + profile.postcode_format) {
    if (no_space) {
      std::string out;
      for (char c : postcode) {
        if (c != ' ') out.push_back(c);
      }
      return out;
    }
    return ToLower(postcode);
  }
  return std::string(postcode);
}

std::string MaybeStraySpace(std::string text, const NoiseProfile& profile, Rng& rng) {
  const bool stray = rng.Chance(profile.stray_space);
  const bool leading = rng.Chance(0.4);
  if (!stray || text.empty()) return text;
  if (leading) return " " + text;
  text.push_back(' ');
  return text;
}

bool SexUnknown(const NoiseProfile& profile, Rng& rng) { return rng.Chance(profile.sex_unknown); }

}  // namespace tandem::core::synth::internal
