// police_nominals.csv and police_occurrences.csv.
#include <algorithm>
#include <array>

#include "core/synth/internal/exports.h"
#include "core/synth/internal/name_noise.h"
#include "core/synth/internal/names.h"
#include "core/synth/internal/noise.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

// Warning markers in the order they are written.
constexpr std::array<std::string_view, 8> kMarkers = {"VI", "WE", "DA", "ST",
                                                      "SX", "MH", "DR", "SH"};
enum Marker : unsigned {
  kVi = 1,
  kWe = 2,
  kDa = 4,
  kSt = 8,
  kSx = 16,
  kMh = 32,
  kDr = 64,
  kSh = 128
};

struct OffenceMarkers {
  std::string_view offence;
  unsigned markers;
};

// What an accusation of each offence puts on the nominal.
constexpr std::array<OffenceMarkers, 13> kOffenceMarkers = {{
    {"ABH", kVi},
    {"GBH", kVi},
    {"GBH_WITH_INTENT", kVi | kWe},
    {"ROBBERY", kVi | kWe},
    {"THREATS_TO_KILL", kVi},
    {"NON_FATAL_STRANGULATION", kVi},
    {"ATTEMPTED_MURDER", kVi | kWe},
    {"MURDER", kVi},
    {"WEAPON_POSSESSION", kWe},
    {"STALKING", kSt},
    {"RAPE", kSx},
    {"SEXUAL_ASSAULT", kSx},
    {"DRUG_SUPPLY", kDr},
}};

// A marker is on the system only when someone added it.
constexpr double kMarkerRecorded = 0.85;

bool Accused(const Occurrence& o) { return o.role == Role::kSuspect || o.role == Role::kOffender; }

std::string MarkersOf(const Person& person, Rng& rng) {
  unsigned candidates = 0;
  for (const Occurrence& o : person.occurrences) {
    if (!Accused(o)) continue;
    for (const OffenceMarkers& entry : kOffenceMarkers) {
      if (entry.offence == o.offence) candidates |= entry.markers;
    }
    if (o.domestic) candidates |= kDa;
    if (o.domestic && o.offence == "HARASSMENT") candidates |= kSt;
    if (o.domestic && o.offence == "COMMON_ASSAULT") candidates |= kVi;
    if (o.offence == "DRUG_POSSESSION" && IsSanction(o.outcome)) candidates |= kDr;
  }
  if (person.Knows(AgencyKind::kNhs)) {
    const MentalHealthFacts& m = person.mental_health;
    if (m.risk_to_others || m.service == "FORENSIC" || m.service == "CRISIS") {
      if (rng.Chance(0.5)) candidates |= kMh;
    }
    if (m.risk_to_self && rng.Chance(0.3)) candidates |= kSh;
  }
  std::string out;
  for (std::size_t i = 0; i < kMarkers.size(); ++i) {
    const bool recorded = rng.Chance(kMarkerRecorded);
    if ((candidates & (1u << i)) == 0 || !recorded) continue;
    if (!out.empty()) out.push_back(';');
    out.append(kMarkers[i]);
  }
  return out;
}

// Other names the person has been recorded under: the other side of a marriage, a nickname,
// and for some offenders a false name given once with a wrong date of birth.
std::string AliasesOf(const Person& person, bool used_maiden, const std::string& forename,
                      bool fold, Rng& rng) {
  const bool offender = std::any_of(person.occurrences.begin(), person.occurrences.end(), Accused);
  const bool married_alias = rng.Chance(0.8);
  const bool nickname_alias = rng.Chance(offender ? 0.3 : 0.05);
  const bool false_alias = rng.Chance(offender ? 0.10 : 0.0);
  std::vector<std::string> aliases;
  if (!person.maiden_surname.empty() && married_alias) {
    aliases.push_back(forename + " " + (used_maiden ? person.surname : person.maiden_surname));
  }
  const auto nicknames = NicknamesOf(person.forename);
  if (nickname_alias && !nicknames.empty()) {
    aliases.push_back(Capitalise(nicknames[rng.Below(nicknames.size())]) + " " + person.surname);
  }
  if (false_alias) {
    const std::string given =
        nicknames.empty() ? person.forename : Capitalise(nicknames[rng.Below(nicknames.size())]);
    std::string surname;
    if (rng.Chance(0.5)) {
      auto variant = ApostropheVariant(person.surname, rng);
      surname = variant ? *variant : Typo(person.surname, rng);
    } else {
      surname = std::string(Surnames().Pick(rng));
    }
    const auto swapped = SwapDayMonth(person.dob);
    const Day dob = swapped ? *swapped : AddYears(person.dob, rng.Chance(0.5) ? 1 : -2);
    std::string alias = given + " " + surname + "@";
    AppendIso(alias, dob);
    aliases.push_back(std::move(alias));
  }
  std::string out;
  for (const std::string& alias : aliases) {
    if (!out.empty()) out.push_back(';');
    out.append(fold ? FoldAccents(alias) : alias);
  }
  return out;
}

void WriteNominal(const Person& person, const std::string& nominal_id, const std::string& pnc,
                  const NoiseProfile& noise, Day as_of, bool late, ExportContext& ctx, Rng& rng) {
  bool used_maiden = false;
  const Casing casing = DrawCasing(noise, rng);
  const std::string surname = RecordedSurname(person, noise, as_of, rng, &used_maiden);
  const std::string forename = RecordedForename(person, noise, rng);
  const std::string middle = RecordedMiddleNames(person, noise, rng);
  const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
  const bool sex_unknown = SexUnknown(noise, rng);
  const Address& address = person.addresses[RecordedAddress(person, noise, as_of, rng)];
  const std::string postcode = RecordedPostcode(address.postcode, noise, rng);
  const bool fold_aliases = rng.Chance(noise.accent_drop);
  const std::string aliases = AliasesOf(person, used_maiden, person.forename, fold_aliases, rng);
  const std::string markers = MarkersOf(person, rng);

  CsvOutput& out = ctx.out.file(OutputFile::kPoliceNominals);
  out.Field(nominal_id);
  out.Field(MaybeStraySpace(ApplyCasing(surname, casing), noise, rng));
  out.Field(MaybeStraySpace(ApplyCasing(forename, casing), noise, rng));
  out.Field(ApplyCasing(middle, casing));
  std::string text;
  if (dob) AppendIso(text, *dob);
  out.Field(text);
  out.Field(sex_unknown ? "U" : (person.sex == Sex::kMale ? "M" : "F"));
  out.Field(pnc);
  out.Field(MaybeStraySpace(address.line, noise, rng));
  out.Field(postcode);
  out.Field(aliases);
  out.Field(markers);
  out.EndRow(late);
  ctx.out.Truth(AgencyKind::kPolice, nominal_id, ctx.person_id);
}

void WriteOccurrence(const Occurrence& o, const std::string& nominal_id, bool late,
                     ExportContext& ctx) {
  CsvOutput& out = ctx.out.file(OutputFile::kPoliceOccurrences);
  out.Field(ctx.refs.Next(RefKind::kOccurrence));
  out.Field(nominal_id);
  out.Field(RoleName(o.role));
  out.Field(o.offence);
  std::string date;
  AppendIso(date, o.committed);
  out.Field(date);
  date.clear();
  AppendIso(date, o.reported);
  out.Field(date);
  out.Field(o.domestic ? "Y" : "N");
  out.Field(o.victim_ref == kNoVictim ? std::string() : VictimRef(o.victim_ref));
  out.Field(OutcomeName(o.outcome));
  out.EndRow(late);
}

}  // namespace

void ExportPolice(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kPolice)) return;
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kPolice);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kPolice);
  Day as_of = ctx.world.reference;
  for (const Occurrence& o : person.occurrences) {
    if (!o.on_duplicate_nominal) as_of = o.reported;
  }
  const std::string nominal_id = ctx.refs.Next(RefKind::kNominal);
  WriteNominal(person, nominal_id, person.pnc_id, noise, as_of, false, ctx, rng);
  for (const Occurrence& o : person.occurrences) {
    if (!o.on_duplicate_nominal) WriteOccurrence(o, nominal_id, false, ctx);
  }
  if (!person.duplicate_nominal) return;

  // A second nominal made when the person was not recognised: more errors, often no PNC ID.
  // Written at the end of the files, as a later record would be.
  Rng dup_rng = ExportStream(ctx.world, person, AgencyKind::kPolice, /*duplicate=*/true);
  NoiseProfile dup_noise = noise;
  dup_noise.forename_typo *= 4;
  dup_noise.surname_typo *= 4;
  dup_noise.nickname *= 3;
  dup_noise.dob_swap *= 3;
  const bool with_pnc = dup_rng.Chance(0.4);
  Day dup_as_of = ctx.world.reference;
  for (const Occurrence& o : person.occurrences) {
    if (o.on_duplicate_nominal) dup_as_of = o.reported;
  }
  const std::string dup_id = ctx.refs.Next(RefKind::kNominal);
  WriteNominal(person, dup_id, with_pnc ? person.pnc_id : std::string(), dup_noise, dup_as_of, true,
               ctx, dup_rng);
  for (const Occurrence& o : person.occurrences) {
    if (o.on_duplicate_nominal) WriteOccurrence(o, dup_id, true, ctx);
  }
  ++ctx.duplicate_records;
}

}  // namespace tandem::core::synth::internal
