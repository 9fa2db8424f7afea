// idva_cases.csv: one row per case about a victim, in referral date order (so one
// perpetrator's cases are scattered through the file); the perpetrator as the victim described
// him: a nickname, a middle initial, only a first name, "smithy"; an age guessed more often
// than a date of birth known.
#include <array>

#include "core/synth/internal/exports.h"
#include "core/synth/internal/names.h"
#include "core/synth/internal/noise.h"
#include "core/synth/internal/offending.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

enum class NameForm : std::uint8_t {
  kFull,           // Dave Smith
  kMiddleInitial,  // David J Smith
  kFirstOnly,      // Dave
  kSurnameNick,    // smithy
  kInitial,        // D Smith
  kQuotedNick,     // Dave "Smithy" Smith
  kSurnameOnly,    // Smith
};
constexpr std::array<std::uint32_t, 7> kFormWeights = {61, 12, 8, 4, 6, 3, 6};

constexpr double kAgeGivenWithoutDob = 0.85;
constexpr double kAgeGivenWithDob = 0.30;
constexpr int kAgeGuessSpread = 4;  // years either side

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// What mates call a man by his surname: Smith -> smithy, Jones -> jonesy, Wilkinson -> wilko,
// Robinson -> robbo. Empty when no such name comes naturally (Baker, Lee).
std::string SurnameNickname(std::string_view surname) {
  std::string s = ToLower(FoldAccents(surname));
  std::erase_if(s, [](char c) { return c < 'a' || c > 'z'; });
  if (s.size() < 3 || IsVowel(s.back()) || s.back() == 'y' || s.ends_with("er")) return {};
  if (s.size() <= 5) return s + "y";
  // Long names: up to the end of the consonants after the first vowel, then "o".
  std::size_t i = 0;
  while (i < s.size() && !IsVowel(s[i])) ++i;
  while (i < s.size() && IsVowel(s[i])) ++i;
  const std::size_t cluster = i;
  while (i < s.size() && !IsVowel(s[i])) ++i;
  if (i == cluster || i - cluster > 2 || i >= s.size()) return {};
  std::string stem = s.substr(0, i);
  if (i - cluster == 1) stem.push_back(stem.back());  // rob -> robb
  return stem + "o";
}

std::string Describe(const Person& person, const NoiseProfile& noise, Day as_of, Rng& rng) {
  const auto form = static_cast<NameForm>(rng.Weighted(kFormWeights));
  const bool lower = DrawCasing(noise, rng) == Casing::kLower;
  const std::string forename = RecordedForename(person, noise, rng);
  const std::string surname = RecordedSurname(person, noise, as_of, rng);
  std::string out;
  switch (form) {
    case NameForm::kFull:
      out = forename + " " + surname;
      break;
    case NameForm::kMiddleInitial:
      out = forename + " ";
      if (const char initial = InitialOf(person.middle_names); initial != 0) {
        out += std::string(1, initial) + " ";
      }
      out += surname;
      break;
    case NameForm::kFirstOnly:
      out = forename;
      break;
    case NameForm::kSurnameNick:
      out = SurnameNickname(surname);
      if (out.empty()) out = forename;
      break;
    case NameForm::kInitial:
      if (const char initial = InitialOf(forename); initial != 0) {
        out = std::string(1, initial) + " " + surname;
      } else {
        out = forename + " " + surname;
      }
      break;
    case NameForm::kQuotedNick: {
      const std::string nick = SurnameNickname(surname);
      out = forename + " ";
      if (!nick.empty()) out += "\"" + Capitalise(nick) + "\" ";
      out += surname;
      break;
    }
    case NameForm::kSurnameOnly:
      out = surname;
      break;
  }
  if (lower) out = ToLower(out);
  return MaybeStraySpace(std::move(out), noise, rng);
}

}  // namespace

void ExportIdva(const Person& person, ExportContext& ctx) {
  if (!person.Knows(AgencyKind::kVictimAdvocacy)) return;
  Rng rng = ExportStream(ctx.world, person, AgencyKind::kVictimAdvocacy);
  const NoiseProfile& noise = NoiseFor(AgencyKind::kVictimAdvocacy);
  CsvOutput& out = ctx.out.file(OutputFile::kIdvaCases);
  for (std::size_t i = 0; i < person.idva_cases.size(); ++i) {
    const IdvaCase& c = person.idva_cases[i];
    const Victim& victim = person.victims[c.victim];
    const std::string name = Describe(person, noise, c.referral, rng);
    const std::optional<Day> dob = RecordedDob(person.dob, noise, rng);
    const bool age_given = rng.Chance(dob ? kAgeGivenWithDob : kAgeGivenWithoutDob);
    const int guess = rng.Between(-kAgeGuessSpread, kAgeGuessSpread);
    const int true_age = AgeOn(person.dob, c.referral);

    const std::string ref = ctx.refs.Next(RefKind::kIdvaCase);
    out.Field(ref);
    std::string text;
    AppendDmySlash(text, c.referral);
    out.Field(text);
    out.Number(AgeOn(victim.dob, c.referral));
    out.Field(std::string_view(&victim.sex, 1));
    out.Number(victim.children);
    out.Field(name);
    text.clear();
    if (dob) AppendDmySlash(text, *dob);
    out.Field(text);
    if (age_given) {
      out.Number(dob ? true_age : std::max(16, true_age + guess));
    } else {
      out.Empty();
    }
    out.Field(RelationshipName(CaseRelationship(person, c)));
    out.Field(RiskLevelName(c.risk));
    out.Number(c.dash_score);
    out.Field(c.marac ? "Y" : "N");
    out.Field(c.closed ? "CLOSED" : "OPEN");
    text.clear();
    if (c.closed) AppendDmySlash(text, *c.closed);
    out.Field(text);
    out.EndRowSorted(c.referral);  // the service lists cases by referral date
    ctx.out.Truth(AgencyKind::kVictimAdvocacy, ref, ctx.person_id);
    if (i > 0) ++ctx.duplicate_records;
  }
}

}  // namespace tandem::core::synth::internal
