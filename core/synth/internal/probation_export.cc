// probation_cases.csv: one case per person under probation, with the police PNC ID.
#include "core/check.h"
#include "core/synth/internal/exports.h"
#include "core/synth/internal/noise.h"

namespace tandem::core::synth::internal {
namespace {

void WriteCase(const Person& person, const NoiseProfile& noise, bool late, ExportContext& ctx,
               Rng& rng) {
  const ProbationFacts& p = person.probation;
  const Casing casing = DrawCasing(noise, rng);
  const std::string surname = RecordedSurname(person, noise, p.start, rng);
  const std::string forename = RecordedForename(person, noise, rng);
  const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
  const bool sex_unknown = SexUnknown(noise, rng);
  const Address& address = person.addresses[RecordedAddress(person, noise, p.start, rng)];
  const std::string postcode = RecordedPostcode(address.postcode, noise, rng);

  const std::string crn = ctx.refs.Next(RefKind::kCrn);
  CsvOutput& out = ctx.out.file(OutputFile::kProbationCases);
  out.Field(crn);
  out.Field(person.pnc_id);
  out.Field(MaybeStraySpace(ApplyCasing(surname, casing), noise, rng));
  out.Field(MaybeStraySpace(ApplyCasing(forename, casing), noise, rng));
  std::string text;
  if (dob) AppendDmySlash(text, *dob);
  out.Field(text);
  out.Field(sex_unknown ? "Unknown" : (person.sex == Sex::kMale ? "Male" : "Female"));
  out.Field(postcode);
  out.Field(p.supervision);
  text.clear();
  AppendDmySlash(text, p.start);
  out.Field(text);
  text.clear();
  if (p.end) AppendDmySlash(text, *p.end);
  out.Field(text);
  out.Field(p.rosh);
  if (p.ogrs3) {
    out.Number(*p.ogrs3);
  } else {
    out.Empty();
  }
  out.Number(p.mappa_category);
  out.Number(p.mappa_level);
  out.Field(p.programme);
  out.EndRow(late);
  ctx.out.Truth(AgencyKind::kProbation, crn, ctx.person_id);
}

}  // namespace

void ExportProbation(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kProbation)) return;
  // Probation works from police records: everyone it supervises has a PNC ID.
  TANDEM_CHECK(!person.pnc_id.empty());
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kProbation);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kProbation);
  WriteCase(person, noise, false, ctx, rng);
  if (person.probation.duplicate) {
    Rng dup_rng = ExportStream(ctx.world, person, AgencyKind::kProbation, /*duplicate=*/true);
    WriteCase(person, noise, true, ctx, dup_rng);
    ++ctx.duplicate_records;
  }
}

}  // namespace tandem::core::synth::internal
