// The noise the generator adds: always a valid value, and different in the intended way.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/synth/internal/name_noise.h"
#include "core/synth/internal/names.h"
#include "core/synth/internal/noise.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string NonLetters(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (!IsAsciiLetter(c)) out.push_back(c);
  }
  return out;
}

TEST(SynthNoiseTest, TypoEditsOneLetterAndKeepsTheNameAName) {
  Rng rng(1);
  int changed = 0;
  for (const Weighted& entry : Surnames().items()) {
    const std::string name(entry.value);
    const std::string typo = Typo(name, rng);
    ASSERT_FALSE(typo.empty());
    EXPECT_EQ(typo[0], name[0]) << name << " -> " << typo;
    EXPECT_EQ(NonLetters(typo), NonLetters(name)) << name << " -> " << typo;
    const auto length_change = static_cast<long>(typo.size()) - static_cast<long>(name.size());
    EXPECT_LE(std::abs(length_change), 1) << name << " -> " << typo;
    changed += typo != name ? 1 : 0;
  }
  EXPECT_GT(changed, static_cast<int>(Surnames().items().size()) * 9 / 10);
}

TEST(SynthNoiseTest, TypoLeavesANameWithNothingToEditAlone) {
  Rng rng(1);
  EXPECT_EQ(Typo("O", rng), "O");
  EXPECT_EQ(Typo("", rng), "");
}

TEST(SynthNoiseTest, ApostropheVariantsDropOrSpaceTheApostrophe) {
  Rng rng(2);
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(*ApostropheVariant("O'Brien", rng));
  EXPECT_EQ(seen, (std::set<std::string>{"OBrien", "O Brien"}));
  EXPECT_FALSE(ApostropheVariant("Smith", rng).has_value());
}

TEST(SynthNoiseTest, McAndMacVariantsSwapAndRecase) {
  Rng rng(3);
  std::set<std::string> mc;
  std::set<std::string> mac;
  for (int i = 0; i < 100; ++i) {
    mc.insert(*McMacVariant("McDonald", rng));
    mac.insert(*McMacVariant("MacDonald", rng));
  }
  EXPECT_EQ(mc, (std::set<std::string>{"MacDonald", "Mcdonald", "Mc Donald"}));
  EXPECT_EQ(mac, (std::set<std::string>{"McDonald", "Macdonald"}));
  EXPECT_FALSE(McMacVariant("Mace", rng).has_value());
  EXPECT_FALSE(McMacVariant("Mason", rng).has_value());
}

TEST(SynthNoiseTest, CompoundVariantsSplitHyphensAndJoinParticles) {
  Rng rng(4);
  std::set<std::string> hyphen;
  std::set<std::string> particle;
  for (int i = 0; i < 200; ++i) {
    hyphen.insert(*CompoundVariant("Smith-Jones", rng));
    particle.insert(*CompoundVariant("de la Cruz", rng));
  }
  EXPECT_EQ(hyphen, (std::set<std::string>{"Smith Jones", "Jones", "Smith"}));
  EXPECT_EQ(particle, (std::set<std::string>{"Cruz", "Delacruz", "De la Cruz", "De La Cruz"}));
  EXPECT_FALSE(CompoundVariant("Smith", rng).has_value());
  EXPECT_FALSE(CompoundVariant("Van Dyke", rng).has_value());  // already capitalised
}

TEST(SynthNoiseTest, DayAndMonthSwapOnlyWhenBothAreTwelveOrLess) {
  const auto day = [](int y, int m, int d) { return ToDay(*Date::FromYmd(y, m, d)); };
  EXPECT_EQ(SwapDayMonth(day(1986, 4, 11)), day(1986, 11, 4));
  EXPECT_FALSE(SwapDayMonth(day(1986, 4, 13)).has_value());
  EXPECT_FALSE(SwapDayMonth(day(1986, 5, 5)).has_value());
  EXPECT_EQ(SwapDayMonth(day(2000, 12, 1)), day(2000, 1, 12));
}

TEST(SynthNoiseTest, RecordedDobIsAValidDateCloseToTheTruth) {
  NoiseProfile heavy = NoiseFor(AgencyKind::kHousing);
  heavy.dob_missing = 0.1;
  heavy.dob_swap = 0.3;
  heavy.dob_slip = 0.3;
  Rng rng(5);
  const Day dob = ToDay(*Date::FromYmd(1984, 2, 29));
  int missing = 0;
  int exact = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto recorded = RecordedDob(dob, heavy, rng);
    if (!recorded) {
      ++missing;
      continue;
    }
    exact += *recorded == dob ? 1 : 0;
    // One day, one year (29 February becomes 28 February) or the swap: 2 February.
    const Date d = ToDate(*recorded);
    const bool plausible = std::abs(*recorded - dob) <= 1 || (d.month() == 2 && d.day() == 28) ||
                           (d.month() == 2 && d.day() == 2);
    EXPECT_TRUE(plausible) << d.ToIso();
  }
  EXPECT_GT(missing, 50);
  EXPECT_GT(exact, 200);
}

TEST(SynthNoiseTest, AccentsFoldAndCaseMapsAccentedLetters) {
  EXPECT_EQ(FoldAccents("Zoë Łukasz Wiśniewski Renée"), "Zoe Lukasz Wisniewski Renee");
  EXPECT_EQ(ToUpper("Zoë O'Brien"), "ZOË O'BRIEN");
  EXPECT_EQ(ToLower("ŁUKASZ"), "łukasz");
  EXPECT_EQ(InitialOf("Łukasz"), 'L');
  EXPECT_EQ(InitialOf("de la Cruz"), 'D');
  EXPECT_EQ(Capitalise("danny"), "Danny");
}

TEST(SynthNoiseTest, NicknamesComeFromTheSharedTable) {
  const auto daniel = NicknamesOf("Daniel");
  EXPECT_NE(std::find(daniel.begin(), daniel.end(), "danny"), daniel.end());
  EXPECT_TRUE(NicknamesOf("Zoë").empty());
  EXPECT_FALSE(NicknamesOf("william").empty());
}

TEST(SynthNoiseTest, PostcodeVariantsStayPostcodes) {
  NoiseProfile profile = NoiseFor(AgencyKind::kPolice);
  profile.postcode_missing = 0;
  profile.postcode_format = 1;
  Rng rng(6);
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(RecordedPostcode("BH14 9QT", profile, rng));
  EXPECT_EQ(seen, (std::set<std::string>{"BH149QT", "bh14 9qt"}));
}

TEST(SynthNoiseTest, AgenciesDifferInHowMuchNoiseTheyCarry) {
  // Treatment services keep initials only; the trust keeps accents; housing drops them.
  EXPECT_LT(NoiseFor(AgencyKind::kNhs).accent_drop, NoiseFor(AgencyKind::kHousing).accent_drop);
  EXPECT_GT(NoiseFor(AgencyKind::kVictimAdvocacy).dob_missing, 0.5);
  EXPECT_LT(NoiseFor(AgencyKind::kNhs).surname_typo, NoiseFor(AgencyKind::kHousing).surname_typo);
}

}  // namespace
}  // namespace tandem::core::synth::internal
