// nhs_mental_health.csv: one row per registered patient, with the latest referral.
#include <algorithm>
#include <array>

#include "core/synth/internal/exports.h"
#include "core/synth/internal/noise.h"

namespace tandem::core::synth::internal {
namespace {

constexpr double kNhsNumberMissing = 0.06;
constexpr double kNhsNumberMissingDuplicate = 0.5;
constexpr double kNhsNumberSpaced = 0.25;

// "9434765919" -> "943 476 5919", as it is printed on letters.
std::string Spaced(const std::string& nhs_number) {
  return nhs_number.substr(0, 3) + " " + nhs_number.substr(3, 3) + " " + nhs_number.substr(6);
}

struct Referral {
  std::string_view service;
  Day referral;
  std::optional<Day> discharge;
  bool risk_to_others, risk_to_self, safeguarding, marac;
};

void WritePatient(const Person& person, const Referral& r, const NoiseProfile& noise,
                  double nhs_missing, bool late, ExportContext& ctx, Rng& rng) {
  const bool missing = rng.Chance(nhs_missing);
  const bool spaced = rng.Chance(kNhsNumberSpaced);
  const Casing casing = DrawCasing(noise, rng);
  const std::string surname = RecordedSurname(person, noise, r.referral, rng);
  const std::string forename = RecordedForename(person, noise, rng);
  const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
  const bool sex_unknown = SexUnknown(noise, rng);
  const bool indeterminate = rng.Chance(0.25);
  const Address& address = person.addresses[RecordedAddress(person, noise, r.referral, rng)];
  const std::string postcode = RecordedPostcode(address.postcode, noise, rng);

  const std::string patient_id = ctx.refs.Next(RefKind::kPatient);
  CsvOutput& out = ctx.out.file(OutputFile::kNhsMentalHealth);
  out.Field(patient_id);
  out.Field(missing ? std::string() : (spaced ? Spaced(person.nhs_number) : person.nhs_number));
  out.Field(MaybeStraySpace(ApplyCasing(surname, casing), noise, rng));
  out.Field(MaybeStraySpace(ApplyCasing(forename, casing), noise, rng));
  std::string text;
  if (dob) AppendDmySlash(text, *dob);
  out.Field(text);
  if (sex_unknown) {
    out.Field(indeterminate ? "9" : "0");
  } else {
    out.Field(person.sex == Sex::kMale ? "1" : "2");
  }
  out.Field(postcode);
  out.Field(r.service);
  text.clear();
  AppendDmySlash(text, r.referral);
  out.Field(text);
  text.clear();
  if (r.discharge) AppendDmySlash(text, *r.discharge);
  out.Field(text);
  std::string flags;
  const std::array<std::pair<bool, std::string_view>, 3> all = {{
      {r.risk_to_others, "RISK_TO_OTHERS"},
      {r.risk_to_self, "RISK_TO_SELF"},
      {r.safeguarding, "SAFEGUARDING"},
  }};
  for (const auto& [set, name] : all) {
    if (!set) continue;
    if (!flags.empty()) flags.push_back(';');
    flags.append(name);
  }
  out.Field(flags);
  out.Field(r.marac ? "Y" : "N");
  out.EndRow(late);
  ctx.out.Truth(AgencyKind::kNhs, patient_id, ctx.person_id);
}

}  // namespace

void ExportNhs(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kNhs)) return;
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kNhs);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kNhs);
  const MentalHealthFacts& m = person.mental_health;
  WritePatient(person,
               {m.service, m.referral, m.discharge, m.risk_to_others, m.risk_to_self,
                m.safeguarding, m.marac},
               noise, kNhsNumberMissing, false, ctx, rng);
  if (!m.duplicate) return;
  // Registered a second time at an emergency department attendance, often without the NHS
  // number to hand.
  Rng dup_rng = ExportStream(ctx.world, person, AgencyKind::kNhs, /*duplicate=*/true);
  const Day earliest = std::max(ctx.world.window_start - 2 * 365, AddYears(person.dob, 16));
  const Day attended = DrawDay(std::min(earliest, m.referral), m.referral, dup_rng);
  WritePatient(person, {"ED", attended, attended, false, false, false, false}, noise,
               kNhsNumberMissingDuplicate, true, ctx, dup_rng);
  ++ctx.duplicate_records;
}

}  // namespace tandem::core::synth::internal
