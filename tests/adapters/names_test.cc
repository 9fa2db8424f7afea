#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "agency-adapters/normalise.h"

namespace tandem::adapters {
namespace {

TEST(NameWordsTest, FoldsAccentsAndCase) {
  EXPECT_EQ(NameWords("Zoë"), std::vector<std::string>{"zoe"});
  EXPECT_EQ(NameWords("ZOË"), std::vector<std::string>{"zoe"});
  EXPECT_EQ(NameWords("José  María"), (std::vector<std::string>{"jose", "maria"}));
  EXPECT_EQ(NameWords("Chloé"), std::vector<std::string>{"chloe"});
  EXPECT_EQ(NameWords("Zoe\xCC\x88"), std::vector<std::string>{"zoe"});  // combining diaeresis
}

TEST(NameWordsTest, FoldsCompatibilityForms) {
  EXPECT_EQ(NameWords("ＳＭＩＴＨ"), std::vector<std::string>{"smith"});          // full width
  EXPECT_EQ(NameWords("Gri\xEF\xAC\x83n"), std::vector<std::string>{"griffin"});  // ffi ligature
}

TEST(NameWordsTest, MapsLettersThatNfkdDoesNotDecompose) {
  EXPECT_EQ(NameWords("Łukasz"), std::vector<std::string>{"lukasz"});
  EXPECT_EQ(NameWords("Øyvind"), std::vector<std::string>{"oyvind"});
  EXPECT_EQ(NameWords("Strauß"), std::vector<std::string>{"strauss"});
  EXPECT_EQ(NameWords("Æthelred"), std::vector<std::string>{"aethelred"});
  EXPECT_EQ(NameWords("Þór"), std::vector<std::string>{"thor"});
  EXPECT_EQ(NameWords("Đorđević"), std::vector<std::string>{"dordevic"});
  EXPECT_EQ(NameWords("Yıldız"), std::vector<std::string>{"yildiz"});
  EXPECT_EQ(NameWords("Œuvray"), std::vector<std::string>{"oeuvray"});
}

TEST(NameWordsTest, TransliteratesOtherScripts) {
  EXPECT_EQ(NameWords("Иван"), std::vector<std::string>{"ivan"});
  EXPECT_EQ(NameWords("Νίκος"), std::vector<std::string>{"nikos"});
}

TEST(NameWordsTest, DropsApostrophesOfEveryKind) {
  EXPECT_EQ(NameWords("O'Brien"), std::vector<std::string>{"obrien"});
  EXPECT_EQ(NameWords("O’Brien"), std::vector<std::string>{"obrien"});
  EXPECT_EQ(NameWords("O`Brien"), std::vector<std::string>{"obrien"});
  EXPECT_EQ(NameWords("Oʼbrien"), std::vector<std::string>{"obrien"});
}

TEST(NameWordsTest, KeepsHyphensInsideWordsOnly) {
  EXPECT_EQ(NameWords("Smith-Jones"), std::vector<std::string>{"smith-jones"});
  EXPECT_EQ(NameWords("Smith – Jones"), (std::vector<std::string>{"smith", "jones"}));
  EXPECT_EQ(NameWords("-Smith--Jones-"), std::vector<std::string>{"smith-jones"});
  EXPECT_EQ(NameWords("Smith‐Jones"), std::vector<std::string>{"smith-jones"});  // U+2010
}

TEST(NameWordsTest, BreaksWordsAtPunctuationDigitsAndSpaces) {
  EXPECT_EQ(NameWords(" J.  R.R.\tTolkien "), (std::vector<std::string>{"j", "r", "r", "tolkien"}));
  EXPECT_TRUE(NameWords(" .,; ").empty());
  EXPECT_TRUE(NameWords("").empty());
}

TEST(NameWordsTest, FoldsInvalidUtf8ToWordBreaks) {
  EXPECT_EQ(NameWords("Ann\xFFie"), (std::vector<std::string>{"ann", "ie"}));
}

TEST(SurnameTest, AccentedAndPlainFormsAgree) {
  EXPECT_EQ(NormaliseSurname("Zoë"), NormaliseSurname("Zoe"));
  EXPECT_EQ(NormaliseSurname("Müller"), "muller");
  EXPECT_EQ(NormaliseSurname("Nowak"), "nowak");
}

TEST(SurnameTest, ApostropheFormsAgree) {
  EXPECT_EQ(NormaliseSurname("O'Brien"), "obrien");
  EXPECT_EQ(NormaliseSurname("OBrien"), "obrien");
  EXPECT_EQ(NormaliseSurname("O Brien"), "obrien");
  EXPECT_EQ(NormaliseSurname("o’brien"), "obrien");
  EXPECT_EQ(NormaliseSurname("D'Souza"), "dsouza");
  EXPECT_EQ(NormaliseSurname("DSouza"), "dsouza");
}

TEST(SurnameTest, McAndMacFormsAgree) {
  EXPECT_EQ(NormaliseSurname("McDonald"), "mcdonald");
  EXPECT_EQ(NormaliseSurname("MacDonald"), "mcdonald");
  EXPECT_EQ(NormaliseSurname("MACDONALD"), "mcdonald");
  EXPECT_EQ(NormaliseSurname("Mac Donald"), "mcdonald");
  EXPECT_EQ(NormaliseSurname("Mc Donald"), "mcdonald");
  EXPECT_EQ(NormaliseSurname("Mackenzie"), NormaliseSurname("McKenzie"));
}

TEST(SurnameTest, ShortMacNamesKeepTheirMac) {
  EXPECT_EQ(NormaliseSurname("Mack"), "mack");
  EXPECT_EQ(NormaliseSurname("Macey"), "macey");
  EXPECT_EQ(NormaliseSurname("Mace"), "mace");
}

TEST(SurnameTest, DoubleBarrelledFormsAgree) {
  EXPECT_EQ(NormaliseSurname("Smith-Jones"), "smithjones");
  EXPECT_EQ(NormaliseSurname("Smith Jones"), "smithjones");
  EXPECT_EQ(NormaliseSurname("SMITH - JONES"), "smithjones");
  EXPECT_EQ(NormaliseSurname("Smith-MacDonald"), "smithmcdonald");
}

TEST(SurnameTest, ParticleFormsAgree) {
  EXPECT_EQ(NormaliseSurname("de la Cruz"), "delacruz");
  EXPECT_EQ(NormaliseSurname("De La Cruz"), "delacruz");
  EXPECT_EQ(NormaliseSurname("DelaCruz"), "delacruz");
  EXPECT_EQ(NormaliseSurname("van der Berg"), "vanderberg");
  EXPECT_EQ(NormaliseSurname("Van Der Berg"), "vanderberg");
  EXPECT_EQ(NormaliseSurname("Vanderberg"), "vanderberg");
  EXPECT_EQ(NormaliseSurname("St John"), NormaliseSurname("Saint John"));
  EXPECT_EQ(NormaliseSurname("St. John"), "stjohn");
}

TEST(SurnameTest, EmptyWhenThereIsNoLetter) { EXPECT_EQ(NormaliseSurname(" - ' "), ""); }

TEST(ForenamesTest, SplitsForenameFromMiddleNames) {
  const Forenames f = NormaliseForenames("John Paul");
  EXPECT_EQ(f.forename, "john");
  EXPECT_EQ(f.forename_as_given, "john");
  EXPECT_EQ(f.middle_names, "paul");
}

TEST(ForenamesTest, ResolvesNicknames) {
  const Forenames f = NormaliseForenames("Danny");
  EXPECT_EQ(f.forename_as_given, "danny");
  EXPECT_EQ(f.forename, "daniel");
  EXPECT_EQ(NormaliseForenames("BILL").forename, "william");
  EXPECT_EQ(NormaliseForenames("Zoë").forename, "zoe");
}

TEST(ForenamesTest, SplitsHyphenatedForenames) {
  const Forenames f = NormaliseForenames("Mary-Jane");
  EXPECT_EQ(f.forename, "mary");
  EXPECT_EQ(f.middle_names, "jane");
  const Forenames g = NormaliseForenames("Mary Jane");
  EXPECT_EQ(g.forename, f.forename);
  EXPECT_EQ(g.middle_names, f.middle_names);
}

TEST(ResolveNicknameTest, LeavesUnknownNamesAlone) {
  EXPECT_EQ(ResolveNickname("dave"), "david");
  EXPECT_EQ(ResolveNickname("david"), "david");
  EXPECT_EQ(ResolveNickname("xavier"), "xavier");
}

TEST(SurnameCommaForenamesTest, ReadsHousingNames) {
  auto name = ParseSurnameCommaForenames("SMITH, John Paul");
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(name->surname, "smith");
  EXPECT_EQ(name->forename, "john");
  EXPECT_EQ(name->middle_names, "paul");
}

TEST(SurnameCommaForenamesTest, AgreesWithTheSameNameWrittenForenameFirst) {
  auto housing = ParseSurnameCommaForenames("SMITH, John Paul");
  auto alias = ParseAlias("John Smith");
  ASSERT_TRUE(housing);
  ASSERT_TRUE(alias);
  EXPECT_EQ(housing->surname, alias->name.surname);
  EXPECT_EQ(housing->forename, alias->name.forename);
  EXPECT_EQ(housing->surname, NormaliseSurname("Smith"));
  EXPECT_EQ(housing->forename, NormaliseForenames("John").forename);
}

TEST(SurnameCommaForenamesTest, ReadsParticlesAndApostrophes) {
  auto name = ParseSurnameCommaForenames("de la cruz,  maría josé ");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->surname, "delacruz");
  EXPECT_EQ(name->forename, "maria");
  EXPECT_EQ(name->middle_names, "jose");
  auto obrien = ParseSurnameCommaForenames("O'BRIEN, DANNY");
  ASSERT_TRUE(obrien);
  EXPECT_EQ(obrien->surname, "obrien");
  EXPECT_EQ(obrien->forename, "daniel");
  EXPECT_EQ(obrien->forename_as_given, "danny");
}

TEST(SurnameCommaForenamesTest, RefusesOtherForms) {
  EXPECT_FALSE(ParseSurnameCommaForenames("John Smith"));
  EXPECT_FALSE(ParseSurnameCommaForenames("Smith, John, Paul"));
  EXPECT_FALSE(ParseSurnameCommaForenames(", John"));
  EXPECT_FALSE(ParseSurnameCommaForenames("Smith,"));
  auto error = ParseSurnameCommaForenames("John Smith").error();
  EXPECT_NE(error.message.find("SURNAME, Forename"), std::string::npos);
  EXPECT_EQ(error.message.find("John"), std::string::npos) << "no value in messages";
}

TEST(AliasTest, ReadsNameAndOptionalDate) {
  auto plain = ParseAlias("Danny OBrien");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->name.forename, "daniel");
  EXPECT_EQ(plain->name.surname, "obrien");
  EXPECT_FALSE(plain->dob);
  auto dated = ParseAlias("Dan Brian@1986-11-04");
  ASSERT_TRUE(dated);
  EXPECT_EQ(dated->name.surname, "brian");
  ASSERT_TRUE(dated->dob);
  EXPECT_EQ(dated->dob->ToIso(), "1986-11-04");
}

TEST(AliasTest, KeepsParticlesWithTheSurname) {
  auto alias = ParseAlias("Juan de la Cruz");
  ASSERT_TRUE(alias);
  EXPECT_EQ(alias->name.forename, "juan");
  EXPECT_EQ(alias->name.surname, "delacruz");
  EXPECT_EQ(alias->name.middle_names, "");
  auto middle = ParseAlias("Daniel James O Brien");
  ASSERT_TRUE(middle);
  EXPECT_EQ(middle->name.middle_names, "james");
  EXPECT_EQ(middle->name.surname, "obrien");
}

TEST(AliasTest, RefusesOneWordAndBadDates) {
  EXPECT_FALSE(ParseAlias("Smithy"));
  EXPECT_FALSE(ParseAlias("Dan Brian@04/11/1986"));
  EXPECT_FALSE(ParseAlias("Dan Brian@1986-02-30"));
  EXPECT_NE(ParseAlias("Dan Brian@1986-02-30").error().message.find("February 1986 has no day 30"),
            std::string::npos);
}

TEST(DescribedNameTest, ReadsForenameFirst) {
  const PersonName n = ParseDescribedName("Dave Smith");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.forename_as_given, "dave");
  EXPECT_EQ(n.surname, "smith");
}

TEST(DescribedNameTest, ReadsMiddleInitials) {
  const PersonName n = ParseDescribedName("David J Smith");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.middle_names, "j");
  EXPECT_EQ(n.surname, "smith");
}

TEST(DescribedNameTest, ReadsSurnameCommaForename) {
  const PersonName n = ParseDescribedName("Smith, Dave");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.surname, "smith");
}

TEST(DescribedNameTest, KeepsAnUnknownSingleWordAsSurname) {
  const PersonName n = ParseDescribedName("smithy");
  EXPECT_EQ(n.surname, "smithy");
  EXPECT_EQ(n.forename, "");
}

TEST(DescribedNameTest, KeepsAKnownForenameAloneAsForename) {
  const PersonName n = ParseDescribedName("Dave");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.surname, "");
  EXPECT_EQ(ParseDescribedName("david").forename, "david");
}

TEST(DescribedNameTest, KeepsACommonForenameAloneAsForename) {
  const PersonName n = ParseDescribedName("Paul");
  EXPECT_EQ(n.forename, "paul");
  EXPECT_EQ(n.surname, "");
  EXPECT_EQ(ParseDescribedName("Prosser").surname, "prosser");
}

TEST(DescribedNameTest, DropsTitlesAndAsides) {
  const PersonName n = ParseDescribedName("Mr Dave \"Smithy\" Smith");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.middle_names, "");
  EXPECT_EQ(n.surname, "smith");
  const PersonName m = ParseDescribedName("Dave (the boyfriend) O'Brien");
  EXPECT_EQ(m.forename, "david");
  EXPECT_EQ(m.surname, "obrien");
}

TEST(DescribedNameTest, KeepsOneLetterNamesAsInitials) {
  const PersonName n = ParseDescribedName("Dave S");
  EXPECT_EQ(n.forename, "david");
  EXPECT_EQ(n.surname, "");
  EXPECT_EQ(n.surname_initial, 's');
  const PersonName m = ParseDescribedName("J Smith");
  EXPECT_EQ(m.forename, "");
  EXPECT_EQ(m.first_initial, 'j');
  EXPECT_EQ(m.surname, "smith");
}

TEST(DescribedNameTest, GivesNothingForEmptyText) {
  const PersonName n = ParseDescribedName("  ");
  EXPECT_EQ(n.forename, "");
  EXPECT_EQ(n.surname, "");
}

TEST(NormaliseTest, GivesTheSameAnswersFromManyThreads) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"Zoë", "zoe"},
                                                                  {"Łukasz", "lukasz"},
                                                                  {"Иван", "ivan"},
                                                                  {"O'Brien", "obrien"},
                                                                  {"MacDonald", "mcdonald"}};
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        for (const auto& [text, want] : cases) {
          if (NormaliseSurname(text) != want) ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace tandem::adapters
