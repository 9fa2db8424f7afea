// k-anonymity: generalise along hierarchies given as data, suppress what still fails, and a
// checker that every equivalence class has at least k records.
#include "core/eval/k_anonymity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tandem::core::eval {
namespace {

std::vector<QuasiIdentifier> Hierarchies() {
  QuasiIdentifier age{"age",
                      {{StepKind::kIntegerBand, 5, {}},
                       {StepKind::kIntegerBand, 10, {}},
                       {StepKind::kSuppress, 0, {}}}};
  QuasiIdentifier district{"district",
                           {{StepKind::kLeadingLetters, 0, {}}, {StepKind::kSuppress, 0, {}}}};
  QuasiIdentifier adopted{"adopted",
                          {{StepKind::kDateMonth, 0, {}},
                           {StepKind::kDateQuarter, 0, {}},
                           {StepKind::kDateYear, 0, {}}}};
  return {age, district, adopted};
}

// A deterministic table of n records with varied quasi-identifiers and an outcome column.
Table MakeTable(int n) {
  Table t{{"pseudonym", "age", "district", "adopted", "harm_after"}, {}};
  const std::vector<std::string> districts = {"BH1", "BH2", "BH14", "DT1", "DT4", "SP6"};
  for (int i = 0; i < n; ++i) {
    const int age = 18 + (i * 7919) % 50;
    const std::string month = std::to_string(1 + (i * 31) % 12);
    const std::string day = std::to_string(1 + (i * 17) % 28);
    t.rows.push_back({"e" + std::to_string(i), std::to_string(age),
                      districts[static_cast<std::size_t>(i * 13) % districts.size()],
                      "2024-" + std::string(month.size() == 1 ? "0" : "") + month + "-" +
                          std::string(day.size() == 1 ? "0" : "") + day,
                      std::to_string(i % 5 * 10)});
  }
  return t;
}

const std::vector<std::string> kQiColumns = {"age", "district", "adopted"};

TEST(KAnonymityTest, RawTableIsNotKAnonymousAndTheResultIs) {
  const Table table = MakeTable(400);
  EXPECT_FALSE(CheckKAnonymous(table, kQiColumns, 5).has_value());
  const auto hierarchies = Hierarchies();
  const auto result = MakeKAnonymous(table, hierarchies);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_TRUE(CheckKAnonymous(result->table, kQiColumns, 5).has_value());
  EXPECT_EQ(result->records_in, 400u);
  EXPECT_EQ(result->table.rows.size() + result->records_suppressed, 400u);
  EXPECT_LE(result->records_suppressed, 20u);  // within 5%
  EXPECT_GE(result->smallest_class, 5u);
  EXPECT_EQ(*SmallestEquivalenceClass(result->table, kQiColumns), result->smallest_class);
  EXPECT_DOUBLE_EQ(result->max_risk, 1.0 / static_cast<double>(result->smallest_class));
  // Non-quasi-identifier columns pass through untouched.
  EXPECT_EQ(result->table.columns[0], "pseudonym");
}

TEST(KAnonymityTest, AColumnWithOneValueStaysUngeneralisedAndChangesNothingElse) {
  // The same table with every district "DT1": the district splits nothing, so it keeps level
  // 0 and the other columns get the levels they get when the district is left out.
  Table table = MakeTable(400);
  for (auto& row : table.rows) row[2] = "DT1";
  const auto hierarchies = Hierarchies();
  const auto with = MakeKAnonymous(table, hierarchies);
  ASSERT_TRUE(with.has_value()) << with.error().message;
  const std::vector<QuasiIdentifier> without_district = {hierarchies[0], hierarchies[2]};
  const auto without = MakeKAnonymous(table, without_district);
  ASSERT_TRUE(without.has_value()) << without.error().message;
  EXPECT_EQ(with->levels, (std::vector<int>{without->levels[0], 0, without->levels[1]}));
  EXPECT_EQ(with->records_suppressed, without->records_suppressed);
}

TEST(KAnonymityTest, PrefersTheLeastGeneralisedCombinationWithinTheSuppressionLimit) {
  // Ten people of the same age band and district, two months: month level is enough for k=5.
  Table t{{"age", "district", "adopted"}, {}};
  for (int i = 0; i < 10; ++i) {
    t.rows.push_back({std::to_string(30 + i % 5), "BH" + std::to_string(1 + i % 2),
                      i < 5 ? "2024-01-1" + std::to_string(i) : "2024-02-0" + std::to_string(i)});
  }
  const auto hierarchies = Hierarchies();
  KAnonymityOptions options;
  options.max_suppressed_share = 0.0;
  const auto result = MakeKAnonymous(t, hierarchies, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->records_suppressed, 0u);
  // Age must become a band (1), district an area (1), dates a month (1): height 3 is the least.
  EXPECT_EQ(result->levels, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(result->table.rows[0][0], "30-34");
  EXPECT_EQ(result->table.rows[0][1], "BH");
  EXPECT_EQ(result->table.rows[0][2], "2024-01");
}

TEST(KAnonymityTest, SuppressesRecordsThatStillFailAndCountsThem) {
  // 12 records share one profile, one outlier cannot join at any level short of suppression of
  // every column; with a 10% allowance the outlier is suppressed instead.
  Table t{{"age", "district", "adopted"}, {}};
  for (int i = 0; i < 12; ++i) t.rows.push_back({"40", "DT1", "2024-03-05"});
  t.rows.push_back({"91", "ZE2", "2019-11-30"});
  const auto hierarchies = Hierarchies();
  KAnonymityOptions options;
  options.max_suppressed_share = 0.10;
  const auto result = MakeKAnonymous(t, hierarchies, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->records_suppressed, 1u);
  EXPECT_EQ(result->levels, (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(result->table.rows.size(), 12u);
  EXPECT_EQ(result->smallest_class, 12u);
  EXPECT_TRUE(CheckKAnonymous(result->table, kQiColumns, 5).has_value());
  // The date hierarchy stops at the year, so with no allowance the fewest suppressed is still
  // one record, at the least generalisation that achieves it.
  options.max_suppressed_share = 0.0;
  const auto still = MakeKAnonymous(t, hierarchies, options);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->records_suppressed, 1u);
  EXPECT_EQ(still->levels, (std::vector<int>{0, 0, 0}));
  // With a top level that hides every date, generalisation goes to the top instead.
  auto with_top = hierarchies;
  with_top[2].levels.push_back({StepKind::kSuppress, 0, {}});
  const auto top = MakeKAnonymous(t, with_top, options);
  ASSERT_TRUE(top.has_value());
  EXPECT_EQ(top->records_suppressed, 0u);
  EXPECT_EQ(top->levels, (std::vector<int>{3, 2, 4}));
  EXPECT_EQ(top->table.rows.size(), 13u);
  EXPECT_TRUE(CheckKAnonymous(top->table, kQiColumns, 5).has_value());
}

TEST(KAnonymityTest, UsesLookupTablesAndRejectsValuesMissingFromThem) {
  Table t{{"district"}, {{"BH1"}, {"BH2"}, {"DT1"}}};
  QuasiIdentifier district{
      "district", {{StepKind::kLookup, 0, {{"BH1", "Bournemouth"}, {"BH2", "Bournemouth"}}}}};
  const std::vector<QuasiIdentifier> qis = {district};
  const auto result = MakeKAnonymous(t, qis, {.k = 2});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("row 3, column 'district'"), std::string::npos);
}

TEST(KAnonymityTest, RejectsAHierarchyThatIsNotCoarserLevelByLevel) {
  Table t{{"age"}, {{"34"}, {"35"}, {"36"}}};
  // 5-year band then 3-year band: 34 and 35 differ at level 1 but 35, 36 agree at level 1
  // ("35-39") and differ at level 2 ("33-35", "36-38").
  QuasiIdentifier age{"age", {{StepKind::kIntegerBand, 5, {}}, {StepKind::kIntegerBand, 3, {}}}};
  const std::vector<QuasiIdentifier> qis = {age};
  const auto result = MakeKAnonymous(t, qis);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("not coarser"), std::string::npos);
}

TEST(KAnonymityTest, RejectsMissingColumnsAndNonIntegers) {
  Table t{{"age"}, {{"34"}, {"thirty"}}};
  const std::vector<QuasiIdentifier> missing = {{"dob", {}}};
  EXPECT_EQ(MakeKAnonymous(t, missing).error().code, Code::kInvalidArgument);
  const std::vector<QuasiIdentifier> age = {{"age", {{StepKind::kIntegerBand, 5, {}}}}};
  const auto result = MakeKAnonymous(t, age);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("not an integer"), std::string::npos);
}

}  // namespace
}  // namespace tandem::core::eval
