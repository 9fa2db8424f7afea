// Comparison families: grouping the keys, and a pair's outcome per family — the best agreeing
// level, disagree, missing, and the initials left out when a name level agreed.
#include "core/matching/comparison_families.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/core/matching/key_names.h"

namespace tandem::core::matching {
namespace {

FamilyLayout Layout(const std::vector<std::string>& keys) {
  auto families = GroupIntoFamilies(keys, DefaultComparisonFamilies());
  EXPECT_TRUE(families) << families.error().message;
  auto layout = MakeFamilyLayout(keys, *families);
  EXPECT_TRUE(layout) << layout.error().message;
  return *layout;
}

ComparisonPattern Pattern(const std::vector<std::string>& keys,
                          const std::vector<std::pair<std::string, Agreement>>& outcomes) {
  ComparisonPattern pattern;
  for (const auto& [name, outcome] : outcomes) {
    const auto at = std::find(keys.begin(), keys.end(), name) - keys.begin();
    pattern.Set(static_cast<std::size_t>(at), outcome);
  }
  return pattern;
}

TEST(ComparisonFamiliesTest, GroupsTheMatchKeysIntoSixFamilies) {
  auto families = GroupIntoFamilies(kKeyNames, DefaultComparisonFamilies());
  ASSERT_TRUE(families) << families.error().message;
  ASSERT_EQ(families->size(), 6u);
  EXPECT_EQ((*families)[3].name, "name");
  EXPECT_EQ(
      (*families)[3].levels,
      (std::vector<std::string>{"name_dob", "swapped_name_dob", "phonetic_dob", "name_dm_free_dob",
                                "forename_dob_district", "name_yob_district"}));
  EXPECT_EQ((*families)[4].levels, std::vector<std::string>{"name_birth_period"});
  EXPECT_EQ((*families)[4].unless_compared, "name");
  EXPECT_EQ((*families)[5].levels,
            (std::vector<std::string>{"initials_dob_sex_district", "initials_dob"}));
  EXPECT_EQ((*families)[5].unless_agreed, "name");
}

TEST(ComparisonFamiliesTest, GivesAKeyOutsideTheTableAFamilyOfItsOwn) {
  auto families = GroupIntoFamilies({"pnc_id", "exact_name_dob"}, DefaultComparisonFamilies());
  ASSERT_TRUE(families) << families.error().message;
  ASSERT_EQ(families->size(), 2u);
  EXPECT_EQ((*families)[1].name, "exact_name_dob");
  EXPECT_EQ((*families)[1].levels, std::vector<std::string>{"exact_name_dob"});
}

TEST(ComparisonFamiliesTest, DropsTheYieldWhenTheOtherFamilyIsAbsent) {
  auto families = GroupIntoFamilies({"initials_dob"}, DefaultComparisonFamilies());
  ASSERT_TRUE(families) << families.error().message;
  ASSERT_EQ(families->size(), 1u);
  EXPECT_TRUE((*families)[0].unless_compared.empty());
}

TEST(ComparisonFamiliesTest, TakesTheBestAgreeingLevel) {
  const FamilyLayout layout = Layout(kKeyNames);
  const auto pattern = Pattern(kKeyNames, {{"name_dob", Agreement::kDisagree},
                                           {"phonetic_dob", Agreement::kAgree},
                                           {"name_yob_district", Agreement::kAgree}});
  EXPECT_EQ(FamilyOutcome(layout, 3, pattern), 2);  // phonetic_dob, the third level
}

TEST(ComparisonFamiliesTest, DisagreesWhenComparedButNoLevelAgrees) {
  const FamilyLayout layout = Layout(kKeyNames);
  const auto pattern = Pattern(kKeyNames, {{"name_yob_district", Agreement::kDisagree}});
  EXPECT_EQ(FamilyOutcome(layout, 3, pattern), 6);                // disagree: one past the 6 levels
  EXPECT_EQ(FamilyOutcome(layout, 0, pattern), kMissingOutcome);  // pnc_id never compared
}

TEST(ComparisonFamiliesTest, LeavesTheInitialsOutWhenANameLevelAgreed) {
  const FamilyLayout layout = Layout(kKeyNames);
  const auto named = Pattern(kKeyNames, {{"phonetic_dob", Agreement::kAgree},
                                         {"initials_dob", Agreement::kAgree},
                                         {"initials_dob_sex_district", Agreement::kDisagree}});
  EXPECT_EQ(FamilyOutcome(layout, 5, named), kMissingOutcome);
  const auto names_differ =
      Pattern(kKeyNames, {{"name_dob", Agreement::kDisagree},
                          {"initials_dob", Agreement::kAgree},
                          {"initials_dob_sex_district", Agreement::kDisagree}});
  EXPECT_EQ(FamilyOutcome(layout, 5, names_differ), 1);  // initials_dob
  const auto treatment = Pattern(kKeyNames, {{"initials_dob_sex_district", Agreement::kAgree},
                                             {"initials_dob", Agreement::kAgree}});
  EXPECT_EQ(FamilyOutcome(layout, 5, treatment), 0);
}

TEST(ComparisonFamiliesTest, CountsTheBirthPeriodOnlyWithoutADateToCompare) {
  const FamilyLayout layout = Layout(kKeyNames);
  const auto dated = Pattern(kKeyNames, {{"name_dob", Agreement::kDisagree},
                                         {"name_yob_district", Agreement::kDisagree},
                                         {"name_birth_period", Agreement::kAgree}});
  EXPECT_EQ(FamilyOutcome(layout, 3, dated), 6);  // the names and dates disagree
  EXPECT_EQ(FamilyOutcome(layout, 4, dated), kMissingOutcome);
  const auto dateless = Pattern(kKeyNames, {{"name_birth_period", Agreement::kAgree}});
  EXPECT_EQ(FamilyOutcome(layout, 3, dateless), kMissingOutcome);
  EXPECT_EQ(FamilyOutcome(layout, 4, dateless), 0);
}

TEST(ComparisonFamiliesTest, RefusesFamiliesThatDoNotPlaceEveryKeyOnce) {
  const std::vector<std::string> keys = {"a", "b", "c"};
  auto twice = MakeFamilyLayout(keys, {{"x", {"a", "b"}, "", ""}, {"y", {"b", "c"}, "", ""}});
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("'b' is in two families"), std::string::npos);
  auto none = MakeFamilyLayout(keys, {{"x", {"a", "b"}, "", ""}});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("'c' is in no family"), std::string::npos);
  auto unknown = MakeFamilyLayout(keys, {{"x", {"a", "b", "c", "d"}, "", ""}});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("'d'"), std::string::npos);
  auto chained =
      MakeFamilyLayout(keys, {{"x", {"a"}, "y", ""}, {"y", {"b"}, "", "z"}, {"z", {"c"}, "", ""}});
  ASSERT_FALSE(chained);
  EXPECT_NE(chained.error().message.find("yields to 'y'"), std::string::npos);
}

}  // namespace
}  // namespace tandem::core::matching
