// housing_tenancies.csv: one row per tenancy; people who moved have several over the years.
#include "core/synth/internal/exports.h"
#include "core/synth/internal/noise.h"

namespace tandem::core::synth::internal {
namespace {

constexpr double kNiMissing = 0.30;
constexpr double kNiSpaced = 0.25;
constexpr double kMultiLineAddress = 0.02;

// "AB123456C" -> "AB 12 34 56 C".
std::string Spaced(const std::string& ni) {
  return ni.substr(0, 2) + " " + ni.substr(2, 2) + " " + ni.substr(4, 2) + " " + ni.substr(6, 2) +
         " " + ni.substr(8);
}

// "SURNAME, Forename Middle".
std::string LeadTenantName(const Person& person, const NoiseProfile& noise, Day as_of, Rng& rng) {
  const Casing casing = DrawCasing(noise, rng);
  const std::string surname = RecordedSurname(person, noise, as_of, rng);
  const std::string forename = RecordedForename(person, noise, rng);
  const std::string middle = RecordedMiddleNames(person, noise, rng);
  std::string given = forename;
  if (!middle.empty()) given += " " + middle;
  // The surname convention is capitals; a lower-case record is lower case throughout.
  if (casing == Casing::kLower) given = ApplyCasing(given, Casing::kLower);
  return MaybeStraySpace(ApplyCasing(surname, casing) + ", " + given, noise, rng);
}

}  // namespace

void ExportHousing(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kHousing)) return;
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kHousing);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kHousing);
  CsvOutput& out = ctx.out.file(OutputFile::kHousingTenancies);
  for (std::size_t i = 0; i < person.tenancies.size(); ++i) {
    const Tenancy& t = person.tenancies[i];
    const std::string name = LeadTenantName(person, noise, t.start, rng);
    const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
    const bool ni_missing = rng.Chance(kNiMissing);
    const bool ni_spaced = rng.Chance(kNiSpaced);
    const bool multi_line = rng.Chance(kMultiLineAddress);
    const Address& address = person.addresses[t.address];
    std::string line = address.line;
    if (multi_line) {
      // Some systems keep address lines apart: the break survives into the export.
      const std::size_t comma = line.rfind(", ");
      if (comma != std::string::npos) line.replace(comma, 2, out.eol());
    }
    line = MaybeStraySpace(std::move(line), noise, rng);
    const std::string postcode = RecordedPostcode(address.postcode, noise, rng);

    const std::string ref = ctx.refs.Next(RefKind::kTenancy);
    out.Field(ref);
    out.Field(name);
    std::string text;
    if (dob) AppendDMonY(text, *dob);
    out.Field(text);
    out.Field(ni_missing ? std::string()
                         : (ni_spaced ? Spaced(person.ni_number) : person.ni_number));
    out.Field(line);
    out.Field(postcode);
    out.Field(t.tenure);
    out.Field(t.status);
    text.clear();
    AppendDMonY(text, t.start);
    out.Field(text);
    text.clear();
    if (t.end) AppendDMonY(text, *t.end);
    out.Field(text);
    out.Field(t.duty);
    out.Number(t.asb_cases_open);
    out.EndRow();
    ctx.out.Truth(AgencyKind::kHousing, ref, ctx.person_id);
    if (i > 0) ++ctx.duplicate_records;
  }
}

}  // namespace tandem::core::synth::internal
