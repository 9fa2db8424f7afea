// treatment_episodes.csv: one row per episode, identified by initials, date of birth, sex and
// postcode district only, as national treatment monitoring collects them.
#include "core/synth/internal/exports.h"
#include "core/synth/internal/noise.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

std::string Initial(std::string_view name, bool lower) {
  const char initial = InitialOf(name);
  std::string out;
  if (initial != 0) out.push_back(lower ? static_cast<char>(initial - 'A' + 'a') : initial);
  return out;
}

}  // namespace

void ExportTreatment(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kSubstanceMisuse)) return;
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kSubstanceMisuse);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kSubstanceMisuse);
  CsvOutput& out = ctx.out.file(OutputFile::kTreatmentEpisodes);
  for (std::size_t i = 0; i < person.treatment.size(); ++i) {
    const TreatmentEpisode& e = person.treatment[i];
    // The initials come from the name as the client gave it: Bill Smith gives B, not W.
    const std::string forename = RecordedForename(person, noise, rng);
    const std::string surname = RecordedSurname(person, noise, e.referral, rng);
    const bool lower = DrawCasing(noise, rng) == Casing::kLower;
    const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
    const bool sex_unknown = SexUnknown(noise, rng);
    const Address& address = person.addresses[RecordedAddress(person, noise, e.referral, rng)];
    const bool district_missing = rng.Chance(noise.postcode_missing);

    const std::string ref = ctx.refs.Next(RefKind::kClient);
    out.Field(ref);
    out.Field(Initial(forename, lower));
    out.Field(Initial(surname, lower));
    std::string text;
    if (dob) AppendIso(text, *dob);
    out.Field(text);
    out.Field(sex_unknown ? "X" : (person.sex == Sex::kMale ? "M" : "F"));
    out.Field(district_missing ? std::string_view() : address.district->outward);
    out.Field(e.substance);
    text.clear();
    AppendIso(text, e.referral);
    out.Field(text);
    text.clear();
    AppendIso(text, e.start);
    out.Field(text);
    text.clear();
    if (e.discharge) AppendIso(text, *e.discharge);
    out.Field(text);
    out.Field(e.discharge_reason);
    out.Field(e.injecting ? "Y" : "N");
    out.EndRow();
    ctx.out.Truth(AgencyKind::kSubstanceMisuse, ref, ctx.person_id);
    if (i > 0) ++ctx.duplicate_records;
  }
}

}  // namespace tandem::core::synth::internal
