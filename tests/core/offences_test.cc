#include "core/offences.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace tandem::core {
namespace {

const OffenceTable& Table() { return OffenceTable::Approximate(); }

TEST(OffencesTest, HoldsTheWholeTableOfTheDomainWithUniqueCodes) {
  EXPECT_EQ(Table().offences().size(), 26u);
  std::set<std::string> codes;
  for (const Offence& o : Table().offences()) {
    EXPECT_TRUE(codes.insert(o.code).second) << o.code;
    EXPECT_GT(o.cchi_days, 0) << o.code;
    EXPECT_TRUE(CheckOffence(o).has_value()) << o.code;
  }
}

TEST(OffencesTest, FindsAnOffenceByItsCode) {
  const Offence* murder = Table().Find("MURDER");
  ASSERT_NE(murder, nullptr);
  EXPECT_EQ(murder->cchi_days, 5475);
  EXPECT_TRUE(murder->high_harm);
  const Offence* strangulation = Table().Find("NON_FATAL_STRANGULATION");
  ASSERT_NE(strangulation, nullptr);
  EXPECT_EQ(strangulation->cchi_days, 365);
  EXPECT_TRUE(strangulation->high_harm);
  const Offence* shoplifting = Table().Find("THEFT_SHOP");
  ASSERT_NE(shoplifting, nullptr);
  EXPECT_EQ(shoplifting->cchi_days, 1);
  EXPECT_FALSE(shoplifting->high_harm);
}

TEST(OffencesTest, DoesNotFindUnknownOrWronglyCasedCodes) {
  EXPECT_EQ(Table().Find(""), nullptr);
  EXPECT_EQ(Table().Find("murder"), nullptr);
  EXPECT_EQ(Table().Find("SHOPLIFTING"), nullptr);
  EXPECT_EQ(Table().Find("MURDER "), nullptr);
}

TEST(OffencesTest, CommonAssaultIsHighHarmOnlyWhenDomestic) {
  const Offence* assault = Table().Find("COMMON_ASSAULT");
  ASSERT_NE(assault, nullptr);
  EXPECT_FALSE(assault->high_harm);
  EXPECT_TRUE(assault->high_harm_when_domestic);
  EXPECT_FALSE(IsHighHarm(*assault, /*domestic_abuse=*/false));
  EXPECT_TRUE(IsHighHarm(*assault, /*domestic_abuse=*/true));
}

TEST(OffencesTest, OtherOffencesAreHighHarmOrNotWhateverTheContext) {
  for (const Offence& o : Table().offences()) {
    if (o.code == "COMMON_ASSAULT") continue;
    EXPECT_FALSE(o.high_harm_when_domestic) << o.code;
    EXPECT_EQ(IsHighHarm(o, false), IsHighHarm(o, true)) << o.code;
  }
  EXPECT_TRUE(IsHighHarm(*Table().Find("STALKING"), false));
  EXPECT_FALSE(IsHighHarm(*Table().Find("ROBBERY"), true));
}

TEST(OffenceTableTest, APartnershipTableFindsItsOwnCodesAndKeepsTheirOrder) {
  auto table = OffenceTable::Create(
      {{"8/1", 3650, true, false}, {"105A", 10, false, true}, {"1.1-A_2", 0, false, false}});
  ASSERT_TRUE(table.has_value()) << table.error().message;
  ASSERT_EQ(table->offences().size(), 3u);
  EXPECT_EQ(table->offences()[0].code, "8/1");
  EXPECT_EQ(table->offences()[2].code, "1.1-A_2");
  ASSERT_NE(table->Find("105A"), nullptr);
  EXPECT_EQ(table->Find("105A")->cchi_days, 10);
  EXPECT_TRUE(IsHighHarm(*table->Find("105A"), true));
  EXPECT_EQ(table->Find("MURDER"), nullptr);  // not the approximate table's codes
  const OffenceTable copy = *table;           // a copy finds through its own entries
  ASSERT_NE(copy.Find("8/1"), nullptr);
  EXPECT_EQ(copy.Find("8/1")->cchi_days, 3650);
}

TEST(OffenceTableTest, RefusesATableThatCouldMisweighHarmAndNamesTheEntry) {
  struct Case {
    std::vector<Offence> offences;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{}, "no offences"},
      {{{"ABH", 182, true, false}, {"", 1, false, false}}, "offence 2: the offence code is empty"},
      {{{"abh", 182, true, false}}, "offence 1: an offence code is 1-32 characters"},
      {{{"ABH 1", 182, true, false}}, "offence 1: an offence code is 1-32 characters"},
      {{{std::string(33, 'A'), 1, false, false}}, "offence 1: an offence code is 1-32 characters"},
      {{{"ABH", -1, true, false}}, "offence 1: ABH: CCHI days must be 0-36500"},
      {{{"ABH", 36501, true, false}}, "offence 1: ABH: CCHI days must be 0-36500"},
      {{{"ABH", 182, true, true}}, "offence 1: ABH is high harm both always and only when"},
      {{{"ABH", 182, true, false}, {"GBH", 365, true, false}, {"ABH", 10, false, false}},
       "offence 3 (ABH) repeats the code of offence 1"},
  };
  for (const Case& c : cases) {
    auto table = OffenceTable::Create(c.offences);
    ASSERT_FALSE(table.has_value()) << c.says;
    EXPECT_EQ(table.error().code, Code::kInvalidArgument);
    EXPECT_NE(table.error().message.find(c.says), std::string::npos) << table.error().message;
  }
  std::vector<Offence> too_many(kMaxOffences + 1);
  for (std::size_t i = 0; i < too_many.size(); ++i) too_many[i] = {"C" + std::to_string(i), 1};
  auto table = OffenceTable::Create(std::move(too_many));
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("more than 20000"), std::string::npos);
}

}  // namespace
}  // namespace tandem::core
