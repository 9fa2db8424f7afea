#include "agency-adapters/match_keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "agency-adapters/normalise.h"
#include "core/matching/comparison.h"

namespace tandem::adapters {
namespace {

core::Date D(int y, int m, int d) { return *core::Date::FromYmd(y, m, d); }

// Key values by key-type name, each written readably: parts joined with '/', the key name
// and its separator dropped.
using Values = std::map<std::string, std::set<std::string>>;

Values Derive(const Identity& identity, std::optional<core::Date> age_on = std::nullopt,
              std::span<const MatchKeySpec> table = MatchKeyTable()) {
  MatchKeyValues values;
  MatchKeySource source{&identity, age_on};
  EXPECT_TRUE(DeriveMatchKeys(table, source, values));
  Values out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto input = values.input(i);
    const std::string text(input.begin(), input.end());
    const std::string& name = std::string(table[values.key_index(i)].name);
    EXPECT_EQ(text.substr(0, name.size()), name);
    EXPECT_EQ(text[name.size()], '\0');
    std::string value = text.substr(name.size() + 1);
    std::replace(value.begin(), value.end(), '\x1f', '/');
    out[name].insert(value);
  }
  return out;
}

bool ShareKey(const Values& a, const Values& b, const std::string& key) {
  if (!a.count(key) || !b.count(key)) return false;
  for (const auto& v : a.at(key)) {
    if (b.at(key).count(v)) return true;
  }
  return false;
}

// An identity as the adapters build it from a forename field and a surname field.
Identity Named(std::string_view forenames, std::string_view surname, core::Date dob) {
  Identity id;
  const Forenames f = NormaliseForenames(forenames);
  id.forename = f.forename;
  id.forename_as_given = f.forename_as_given;
  id.middle_names = f.middle_names;
  id.surname = NormaliseSurname(surname);
  id.dob = dob;
  id.sex = Sex::kMale;
  id.postcode = "BH14 9QT";
  id.district = "BH14";
  if (!id.forename_as_given.empty()) id.first_initial = id.forename_as_given[0];
  if (!id.surname.empty()) id.surname_initial = id.surname[0];
  return id;
}

Identity Reference() {
  Identity id = Named("Danny James", "O'Brien", D(1986, 4, 11));
  id.pnc_id = "04/881234T";
  id.nhs_number = "9434765919";
  id.ni_number = "AB123456C";
  return id;
}

TEST(MatchKeyTableTest, ListsTheKeysStrongestFirstWithSeedsAndReasons) {
  const std::vector<std::string> expected = {"pnc_id",
                                             "nhs_number",
                                             "ni_number",
                                             "name_dob",
                                             "phonetic_dob",
                                             "swapped_name_dob",
                                             "name_dm_free_dob",
                                             "name_yob_district",
                                             "forename_dob_district",
                                             "initials_dob_sex_district",
                                             "initials_dob",
                                             "name_birth_period"};
  std::vector<std::string> names;
  for (const auto& spec : MatchKeyTable()) {
    names.emplace_back(spec.name);
    EXPECT_GT(spec.seed_m, spec.seed_u) << spec.name;
    EXPECT_FALSE(spec.basis.empty()) << spec.name;
  }
  EXPECT_EQ(names, expected);
  EXPECT_TRUE(core::matching::ValidateKeyTypes(KeyTypesOf(MatchKeyTable())));
  EXPECT_TRUE(core::matching::ValidateKeyTypes(KeyTypesOf(ExactBaselineKeyTable())));
}

TEST(MatchKeyTableTest, DerivesEveryKeyOfAFullIdentity) {
  const Values v = Derive(Reference());
  EXPECT_EQ(v.at("pnc_id"), std::set<std::string>{"04/881234T"});
  EXPECT_EQ(v.at("nhs_number"), std::set<std::string>{"9434765919"});
  EXPECT_EQ(v.at("ni_number"), std::set<std::string>{"AB123456C"});
  // The canonical forename and the forename as given both give values.
  EXPECT_EQ(v.at("name_dob"),
            (std::set<std::string>{"daniel/obrien/1986-04-11", "danny/obrien/1986-04-11"}));
  EXPECT_EQ(v.at("phonetic_dob"), std::set<std::string>{"OBRAN/d/1986-04-11"});
  EXPECT_EQ(v.at("swapped_name_dob"),
            (std::set<std::string>{"daniel/obrien/1986-04-11", "danny/obrien/1986-04-11"}));
  EXPECT_EQ(v.at("name_dm_free_dob"),
            (std::set<std::string>{"daniel/obrien/1986-04-11", "danny/obrien/1986-04-11"}));
  EXPECT_EQ(v.at("name_yob_district"),
            (std::set<std::string>{"daniel/obrien/1986/BH14", "danny/obrien/1986/BH14"}));
  EXPECT_EQ(v.at("forename_dob_district"),
            (std::set<std::string>{"daniel/1986-04-11/BH14", "danny/1986-04-11/BH14"}));
  EXPECT_EQ(v.at("initials_dob_sex_district"), std::set<std::string>{"d/o/1986-04-11/m/BH14"});
  EXPECT_EQ(v.at("initials_dob"), std::set<std::string>{"d/o/1986-04-11"});
  EXPECT_EQ(v.at("name_birth_period"),
            (std::set<std::string>{"daniel/obrien/1985", "danny/obrien/1985"}));
}

TEST(MatchKeyTableTest, BaselineUsesTheNameAsGivenOnly) {
  const Values v = Derive(Reference(), std::nullopt, ExactBaselineKeyTable());
  EXPECT_EQ(v.at("exact_name_dob"), std::set<std::string>{"danny/obrien/1986-04-11"});
  EXPECT_EQ(v.at("pnc_id"), std::set<std::string>{"04/881234T"});
  EXPECT_EQ(v.size(), 4u);
}

TEST(MatchKeyTableTest, MissingFieldsGiveNoValueRatherThanAnEmptyOne) {
  Identity id = Named("Daniel", "OBrien", D(1986, 4, 11));
  id.dob.reset();
  id.district.clear();
  id.sex = Sex::kUnknown;
  const Values v = Derive(id);
  for (const char* key : {"pnc_id", "nhs_number", "ni_number", "name_dob", "phonetic_dob",
                          "initials_dob_sex_district", "initials_dob", "name_birth_period",
                          "forename_dob_district"}) {
    EXPECT_EQ(v.count(key), 0u) << key;
  }
}

TEST(MatchKeyTableTest, UnknownSexStandsForEitherSex) {
  Identity id = Reference();
  id.sex = Sex::kUnknown;
  const Values v = Derive(id);
  EXPECT_EQ(v.at("initials_dob_sex_district"),
            (std::set<std::string>{"d/o/1986-04-11/f/BH14", "d/o/1986-04-11/m/BH14"}));
  Identity woman = Reference();
  woman.sex = Sex::kFemale;
  EXPECT_TRUE(ShareKey(v, Derive(woman), "initials_dob_sex_district"));
  EXPECT_FALSE(ShareKey(Derive(Reference()), Derive(woman), "initials_dob_sex_district"));
}

// The hard normalisation cases: each pair is the same person written two ways and must share
// the name_dob key, i.e. would link.
struct SamePerson {
  const char* forename_a;
  const char* surname_a;
  const char* forename_b;
  const char* surname_b;
};

// Names the case in test listings ("Zoë Smith ~ Zoe Smith") instead of its raw bytes.
void PrintTo(const SamePerson& c, std::ostream* out) {
  *out << c.forename_a << ' ' << c.surname_a << " ~ " << c.forename_b << ' ' << c.surname_b;
}

class HardNamesTest : public ::testing::TestWithParam<SamePerson> {};

TEST_P(HardNamesTest, ShareTheNameAndDateOfBirthKey) {
  const auto& c = GetParam();
  const Identity a = Named(c.forename_a, c.surname_a, D(1990, 7, 23));
  const Identity b = Named(c.forename_b, c.surname_b, D(1990, 7, 23));
  EXPECT_TRUE(ShareKey(Derive(a), Derive(b), "name_dob"))
      << c.forename_a << " " << c.surname_a << " / " << c.forename_b << " " << c.surname_b;
}

INSTANTIATE_TEST_SUITE_P(MatchKeys, HardNamesTest,
                         ::testing::Values(SamePerson{"Zoë", "Smith", "Zoe", "Smith"},
                                           SamePerson{"ZOË", "Smith", "zoe", "SMITH"},
                                           SamePerson{"Daniel", "O'Brien", "Daniel", "OBrien"},
                                           SamePerson{"Daniel", "O'Brien", "Daniel", "O Brien"},
                                           SamePerson{"Ian", "McDonald", "Ian", "MacDonald"},
                                           SamePerson{"Ian", "Mcdonald", "Ian", "Mac Donald"},
                                           SamePerson{"Amy", "Smith-Jones", "Amy", "Smith Jones"},
                                           SamePerson{"Juan", "de la Cruz", "Juan", "De La Cruz"},
                                           SamePerson{"Juan", "de la Cruz", "Juan", "Delacruz"},
                                           SamePerson{"Danny", "Smith", "Daniel", "Smith"}));

TEST(MatchKeyTableTest, HousingNameWithMiddleNameMeetsPlainName) {
  auto parsed = ParseSurnameCommaForenames("SMITH, John Paul");
  ASSERT_TRUE(parsed);
  Identity housing;
  housing.forename = parsed->forename;
  housing.forename_as_given = parsed->forename_as_given;
  housing.middle_names = parsed->middle_names;
  housing.surname = parsed->surname;
  housing.dob = D(1979, 2, 14);
  const Identity police = Named("John", "Smith", D(1979, 2, 14));
  const Values h = Derive(housing);
  const Values p = Derive(police);
  EXPECT_TRUE(ShareKey(h, p, "name_dob"));
  EXPECT_TRUE(ShareKey(h, p, "phonetic_dob"));
  EXPECT_TRUE(ShareKey(h, p, "initials_dob"));
}

TEST(MatchKeyTableTest, DayMonthTranspositionMeetsOnlyTheOrderFreeKey) {
  const Identity a = Named("Daniel", "OBrien", D(1986, 4, 11));
  const Identity b = Named("Daniel", "OBrien", D(1986, 11, 4));
  const Values va = Derive(a);
  const Values vb = Derive(b);
  EXPECT_FALSE(ShareKey(va, vb, "name_dob"));
  EXPECT_TRUE(ShareKey(va, vb, "name_dm_free_dob"));
  EXPECT_TRUE(ShareKey(va, vb, "name_yob_district"));
}

TEST(MatchKeyTableTest, DatesThatCannotBeTransposedGiveNoOrderFreeValue) {
  EXPECT_EQ(Derive(Named("Daniel", "OBrien", D(1986, 4, 13))).count("name_dm_free_dob"), 0u);
  EXPECT_EQ(Derive(Named("Daniel", "OBrien", D(1986, 4, 4))).count("name_dm_free_dob"), 0u);
}

TEST(MatchKeyTableTest, SwappedForenameAndSurnameMeetOnTheSwappedKey) {
  const Identity a = Named("Thomas", "James", D(1975, 3, 9));
  const Identity b = Named("James", "Thomas", D(1975, 3, 9));
  const Values va = Derive(a);
  const Values vb = Derive(b);
  EXPECT_FALSE(ShareKey(va, vb, "name_dob"));
  EXPECT_TRUE(ShareKey(va, vb, "swapped_name_dob"));
}

TEST(MatchKeyTableTest, MisspeltSurnameMeetsOnThePhoneticKey) {
  const Values a = Derive(Named("Paul", "Robertson", D(1988, 9, 30)));
  const Values b = Derive(Named("Paul", "Robbertson", D(1988, 9, 30)));
  EXPECT_FALSE(ShareKey(a, b, "name_dob"));
  EXPECT_TRUE(ShareKey(a, b, "phonetic_dob"));
  EXPECT_TRUE(ShareKey(a, b, "initials_dob_sex_district"));
}

TEST(MatchKeyTableTest, AliasesAddValuesWithTheirOwnDateOfBirth) {
  Identity id = Reference();
  id.aliases.push_back({"daniel", "brian", D(1986, 11, 4)});
  id.aliases.push_back({"daniel", "smith", std::nullopt});
  const Values v = Derive(id);
  EXPECT_TRUE(v.at("name_dob").count("daniel/brian/1986-11-04"));
  EXPECT_TRUE(v.at("name_dob").count("daniel/smith/1986-04-11"));
  EXPECT_TRUE(v.at("initials_dob").count("d/s/1986-04-11"));
  // A married woman known to police under both surnames meets an agency that has either.
  EXPECT_TRUE(ShareKey(v, Derive(Named("Dan", "Smith", D(1986, 4, 11))), "name_dob"));
}

TEST(MatchKeyTableTest, SurnameChangedOnMarriageMeetsOnForenameDobDistrict) {
  const Values a = Derive(Named("Susan", "Watkins", D(1967, 11, 30)));
  const Values b = Derive(Named("Susan", "Griffiths", D(1967, 11, 30)));
  EXPECT_FALSE(ShareKey(a, b, "name_dob"));
  EXPECT_TRUE(ShareKey(a, b, "forename_dob_district"));
}

Identity Treatment(char first, char surname, core::Date dob, Sex sex, std::string district) {
  Identity id;
  id.first_initial = first;
  id.surname_initial = surname;
  id.dob = dob;
  id.sex = sex;
  id.district = std::move(district);
  return id;
}

TEST(MatchKeyTableTest, TreatmentInitialsMeetAFullIdentity) {
  const Values police = Derive(Named("Daniel", "O'Brien", D(1986, 4, 11)));
  const Values treatment = Derive(Treatment('d', 'o', D(1986, 4, 11), Sex::kMale, "BH14"));
  EXPECT_TRUE(ShareKey(police, treatment, "initials_dob_sex_district"));
  EXPECT_TRUE(ShareKey(police, treatment, "initials_dob"));
  EXPECT_EQ(treatment.count("name_dob"), 0u);
  const Values elsewhere = Derive(Treatment('d', 'o', D(1986, 4, 11), Sex::kMale, "DT1"));
  EXPECT_FALSE(ShareKey(police, elsewhere, "initials_dob_sex_district"));
  EXPECT_TRUE(ShareKey(police, elsewhere, "initials_dob"));
}

TEST(MatchKeyTableTest, NicknameInitialMeetsTheCanonicalForename) {
  // A client who gave his name as Bill is recorded with the initial B.
  const Values police = Derive(Named("William", "Jones", D(1970, 1, 2)));
  const Values treatment = Derive(Treatment('b', 'j', D(1970, 1, 2), Sex::kMale, "BH14"));
  EXPECT_TRUE(ShareKey(police, treatment, "initials_dob_sex_district"));
}

Identity Described(std::string_view text, std::optional<int> age) {
  Identity id;
  const PersonName name = ParseDescribedName(text);
  id.forename = name.forename;
  id.forename_as_given = name.forename_as_given;
  id.surname = name.surname;
  id.first_initial = name.first_initial != 0          ? name.first_initial
                     : name.forename_as_given.empty() ? 0
                                                      : name.forename_as_given[0];
  id.estimated_age = age;
  return id;
}

TEST(MatchKeyTableTest, EstimatedAgeMeetsEveryBirthPeriodItAllows) {
  // Said to be about 30 on 1 May 2024: born 1988-1999 allowing five years either way.
  const Values told = Derive(Described("Dave Smith", 30), D(2024, 5, 1));
  EXPECT_EQ(told.at("name_birth_period"),
            (std::set<std::string>{"dave/smith/1985", "dave/smith/1990", "dave/smith/1995",
                                   "david/smith/1985", "david/smith/1990", "david/smith/1995"}));
  EXPECT_TRUE(ShareKey(told, Derive(Named("David", "Smith", D(1992, 6, 1))), "name_birth_period"));
  EXPECT_TRUE(ShareKey(told, Derive(Named("Dave", "Smith", D(1988, 6, 1))), "name_birth_period"));
  EXPECT_FALSE(ShareKey(told, Derive(Named("David", "Smith", D(1980, 6, 1))), "name_birth_period"));
  // Without the date the age was given on, an age says nothing.
  EXPECT_EQ(Derive(Described("Dave Smith", 30)).count("name_birth_period"), 0u);
  // A first name alone supports no key.
  EXPECT_TRUE(Derive(Described("Dave", 30), D(2024, 5, 1)).empty());
}

TEST(MatchKeyTableTest, InitialAndSurnameAsToldMeetTheInitialsKey) {
  Identity told = Described("D Smith", std::nullopt);
  told.dob = D(1981, 3, 3);
  const Values v = Derive(told);
  EXPECT_EQ(v.at("initials_dob"), std::set<std::string>{"d/s/1981-03-03"});
  EXPECT_TRUE(ShareKey(v, Derive(Named("David", "Smith", D(1981, 3, 3))), "phonetic_dob"));
}

TEST(MatchKeyValuesTest, ValuesAreDistinctPerKeyAndEncodedUnambiguously) {
  MatchKeyValues values;
  ASSERT_TRUE(values.Add(0, "k", {KeyPart::Text("ab"), KeyPart::Text("c")}));
  ASSERT_TRUE(values.Add(0, "k", {KeyPart::Text("ab"), KeyPart::Text("c")}));  // repeat
  ASSERT_TRUE(values.Add(0, "k", {KeyPart::Text("a"), KeyPart::Text("bc")}));
  ASSERT_TRUE(values.Add(1, "kk", {KeyPart::Text("ab"), KeyPart::Text("c")}));
  ASSERT_TRUE(values.Add(1, "kk", {KeyPart::Text("x"), KeyPart::Text("")}));  // empty part
  ASSERT_TRUE(values.Add(1, "kk", {KeyPart::Text("x\x1fy")}));                // separator
  ASSERT_EQ(values.size(), 3u);
  const auto text = [&](std::size_t i) {
    return std::string(values.input(i).begin(), values.input(i).end());
  };
  EXPECT_EQ(text(0), std::string("k\0ab\x1f"
                                 "c",
                                 6));
  EXPECT_EQ(text(1), std::string("k\0a\x1f"
                                 "bc",
                                 6));
  EXPECT_EQ(text(2), std::string("kk\0ab\x1f"
                                 "c",
                                 7));
  EXPECT_EQ(values.present_mask(), 0b11u);
}

TEST(MatchKeyValuesTest, ClearWipesTheBytes) {
  MatchKeyValues values;
  ASSERT_TRUE(values.Add(0, "name_dob", {KeyPart::Text("daniel"), KeyPart::Text("obrien")}));
  const auto input = values.input(0);
  const std::uint8_t* bytes = input.data();
  const std::size_t size = input.size();
  values.Clear();
  EXPECT_TRUE(values.empty());
  // The buffer is kept for reuse, so the bytes can be looked at: all zero.
  EXPECT_TRUE(std::all_of(bytes, bytes + size, [](std::uint8_t b) { return b == 0; }));
}

TEST(MatchKeyValuesTest, GrowsPastItsFirstBuffer) {
  MatchKeyValues values;
  const std::string long_part(3000, 'a');
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(values.Add(0, "k", {KeyPart::Text(long_part), KeyPart::Number(i)}));
  }
  ASSERT_EQ(values.size(), 8u);
  const auto last = values.input(7);
  EXPECT_EQ(std::string(last.end() - 1, last.end()), "7");
}

TEST(KeyPartTest, FormatsDatesAndNumbers) {
  EXPECT_EQ(KeyPart::IsoDate(D(1899, 1, 2)).view(), "1899-01-02");
  EXPECT_EQ(KeyPart::IsoDate(D(2001, 12, 31)).view(), "2001-12-31");
  EXPECT_EQ(KeyPart::DayMonthFreeDate(D(1986, 11, 4)).view(), "1986-04-11");
  EXPECT_EQ(KeyPart::DayMonthFreeDate(D(1986, 4, 11)).view(), "1986-04-11");
  EXPECT_EQ(KeyPart::Number(1985).view(), "1985");
  EXPECT_EQ(KeyPart::Number(0).view(), "0");
  EXPECT_EQ(KeyPart::Letter('b').view(), "b");
  EXPECT_TRUE(KeyPart::Letter(0).view().empty());
}

TEST(MatchKeySourceTest, VictimAdvocacyCaseCarriesItsReferralDate) {
  Record record;
  record.kind = ExportKind::kIdvaCases;
  record.identity = Identity{};
  record.fields = {{"case_ref", "IDVA-1"}, {"referral_date", "2024-05-01"}};
  const auto source = MatchKeySourceOf(record);
  ASSERT_TRUE(source);
  EXPECT_EQ(source->age_estimated_on, D(2024, 5, 1));
  record.kind = ExportKind::kPoliceOccurrences;
  record.identity.reset();
  EXPECT_FALSE(MatchKeySourceOf(record));
}

TEST(DeriveMatchKeysTest, RefusesASourceWithoutIdentity) {
  MatchKeyValues values;
  const auto derived = DeriveMatchKeys(MatchKeyTable(), MatchKeySource{}, values);
  ASSERT_FALSE(derived);
  EXPECT_EQ(derived.error().code, Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::adapters
