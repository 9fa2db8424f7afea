// The table of comparison families against the real match-key table: every key the node
// derives is compared in exactly one family, and no family names a key that does not exist.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "agency-adapters/match_keys.h"
#include "core/matching/comparison_families.h"

namespace tandem::node::linkage {
namespace {

using core::matching::DefaultComparisonFamilies;

std::vector<std::string> KeyNames() {
  std::vector<std::string> names;
  for (const auto& key : adapters::KeyTypesOf(adapters::MatchKeyTable())) {
    names.push_back(key.name);
  }
  return names;
}

TEST(ComparisonFamiliesTableTest, PlacesEveryMatchKeyInExactlyOneFamily) {
  std::map<std::string, int> placed;
  for (const auto& family : DefaultComparisonFamilies()) {
    for (const auto& level : family.levels) ++placed[level];
  }
  for (const std::string& key : KeyNames()) {
    EXPECT_EQ(placed[key], 1) << key;
    placed.erase(key);
  }
  EXPECT_TRUE(placed.empty()) << "the family table names a key the match-key table lacks: "
                              << placed.begin()->first;
}

TEST(ComparisonFamiliesTableTest, GroupsTheMatchKeysWithoutFamiliesOfTheirOwn) {
  auto families = core::matching::GroupIntoFamilies(KeyNames(), DefaultComparisonFamilies());
  ASSERT_TRUE(families) << families.error().message;
  EXPECT_EQ(*families, DefaultComparisonFamilies());
  auto layout = core::matching::MakeFamilyLayout(KeyNames(), *families);
  ASSERT_TRUE(layout) << layout.error().message;
}

}  // namespace
}  // namespace tandem::node::linkage
