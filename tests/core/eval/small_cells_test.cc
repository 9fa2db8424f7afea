// Small-cell suppression, rounding and secondary suppression, with a checker cross-checked
// against linear algebra on the table equations.
#include "core/eval/small_cells.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace tandem::core::eval {
namespace {

CountTable Table3x3() {
  return {{"disruptive", "rehabilitative", "both"},
          {"police", "probation", "nhs"},
          {{40, 3, 25}, {30, 22, 18}, {12, 15, 33}}};
}

TEST(SmallCellsTest, SuppressesCellsUnderTenAndRoundsTheRestToFive) {
  const auto published = PublishCountTable(Table3x3());
  ASSERT_TRUE(published.has_value()) << published.error().message;
  EXPECT_EQ(published->cells[0][1].status, CellStatus::kPrimarySuppressed);
  EXPECT_EQ(published->primary_suppressed, 1u);
  EXPECT_GE(published->secondary_suppressed, 3u);  // a 4-cycle through the primary cell
  for (const auto& row : published->cells) {
    for (const PublishedCell& cell : row) {
      if (!cell.Suppressed()) EXPECT_EQ(cell.value % 5, 0);
    }
  }
  EXPECT_EQ(published->cells[1][0].value, 30);
  EXPECT_EQ(published->cells[2][1].status, CellStatus::kPublished);
  EXPECT_EQ(published->cells[2][1].value, 15);
  EXPECT_EQ(published->row_labels.back(), "Total");
  EXPECT_TRUE(CheckNoSuppressedCellDetermined(*published).has_value());
}

TEST(SmallCellsTest, PrimarySuppressionAloneCanBeRecoveredFromTheTotals) {
  SmallCellRule naive;
  naive.secondary_suppression = false;
  naive.rounding_base = 1;
  const auto published = PublishCountTable(Table3x3(), naive);
  ASSERT_TRUE(published.has_value());
  // The hidden 3 is the row total 68 minus 40 and 25: the checker says so.
  const auto check = CheckNoSuppressedCellDetermined(*published);
  ASSERT_FALSE(check.has_value());
  EXPECT_NE(check.error().message.find("row 'disruptive', column 'probation'"), std::string::npos);
  EXPECT_EQ(
      published->cells[0][3].value - published->cells[0][0].value - published->cells[0][2].value,
      3);
}

TEST(SmallCellsTest, TwoPerLineIsNotEnoughWhenTwoCyclesAreJoinedByOneCell) {
  // Pattern on a bordered 5x5 (4x4 plus totals): a 4-cycle on rows 0,1 x cols 0,1, another on
  // rows 2,3 x cols 2,3, and the cell (1,2) joining them. Every line has two or more
  // suppressed cells, yet (1,2) is determined.
  std::vector<std::vector<bool>> pattern(5, std::vector<bool>(5, false));
  for (int r : {0, 1}) {
    for (int c : {0, 1}) pattern[r][c] = true;
  }
  for (int r : {2, 3}) {
    for (int c : {2, 3}) pattern[r][c] = true;
  }
  pattern[1][2] = true;
  const auto determined = DeterminedSuppressedCells(pattern);
  ASSERT_EQ(determined.size(), 1u);
  EXPECT_EQ(determined[0], (CellPosition{1, 2}));
}

TEST(SmallCellsTest, SuppressesTotalsWhenTheOnlyRowHasASmallCell) {
  const CountTable one_row{{"all"}, {"a", "b", "c"}, {{4, 50, 60}}};
  const auto published = PublishCountTable(one_row);
  ASSERT_TRUE(published.has_value());
  EXPECT_TRUE(CheckNoSuppressedCellDetermined(*published).has_value());
  EXPECT_TRUE(published->cells[1][0].Suppressed());  // the column total equals the cell
}

TEST(SmallCellsTest, ConfigurableThresholdAndBase) {
  SmallCellRule rule;
  rule.threshold = 3;
  rule.rounding_base = 10;
  const auto published = PublishCountTable(Table3x3(), rule);
  ASSERT_TRUE(published.has_value());
  EXPECT_EQ(published->primary_suppressed, 0u);
  EXPECT_EQ(published->cells[0][1].value, 0);   // 3 -> 0
  EXPECT_EQ(published->cells[0][2].value, 30);  // 25 -> 30 (halves up)
  EXPECT_EQ(published->cells[2][0].value, 10);  // 12 -> 10
}

TEST(SmallCellsTest, RejectsNegativeCountsAndRaggedRows) {
  const CountTable negative{{"r"}, {"c"}, {{-1}}};
  EXPECT_EQ(PublishCountTable(negative).error().code, Code::kInvalidArgument);
  const CountTable ragged{{"r", "s"}, {"c", "d"}, {{1, 2}, {3}}};
  const auto result = PublishCountTable(ragged);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("row 's'"), std::string::npos);
}

// Independent oracle: a suppressed cell is determined iff its unit vector lies in the row space
// of the table equations restricted to the suppressed cells (rank test by elimination).
int Rank(std::vector<std::vector<double>> m) {
  int rank = 0;
  const std::size_t cols = m.empty() ? 0 : m[0].size();
  for (std::size_t c = 0; c < cols && rank < static_cast<int>(m.size()); ++c) {
    std::size_t pivot = static_cast<std::size_t>(rank);
    while (pivot < m.size() && std::fabs(m[pivot][c]) < 1e-9) ++pivot;
    if (pivot == m.size()) continue;
    std::swap(m[pivot], m[static_cast<std::size_t>(rank)]);
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (r == static_cast<std::size_t>(rank)) continue;
      const double f = m[r][c] / m[static_cast<std::size_t>(rank)][c];
      for (std::size_t k = 0; k < cols; ++k) m[r][k] -= f * m[static_cast<std::size_t>(rank)][k];
    }
    ++rank;
  }
  return rank;
}

std::vector<CellPosition> DeterminedByAlgebra(const std::vector<std::vector<bool>>& s) {
  const std::size_t rows = s.size();
  const std::size_t cols = s[0].size();
  std::vector<CellPosition> unknowns;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      if (s[r][c]) unknowns.push_back({r, c});
    }
  }
  std::vector<std::vector<double>> a;
  // Row equations: cells minus the row total; column equations likewise.
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<double> eq(unknowns.size(), 0.0);
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
      if (unknowns[u].row == r) eq[u] = unknowns[u].column + 1 == cols ? -1.0 : 1.0;
    }
    a.push_back(eq);
  }
  for (std::size_t c = 0; c < cols; ++c) {
    std::vector<double> eq(unknowns.size(), 0.0);
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
      if (unknowns[u].column == c) eq[u] = unknowns[u].row + 1 == rows ? -1.0 : 1.0;
    }
    a.push_back(eq);
  }
  const int base = Rank(a);
  std::vector<CellPosition> out;
  for (std::size_t u = 0; u < unknowns.size(); ++u) {
    auto with = a;
    std::vector<double> unit(unknowns.size(), 0.0);
    unit[u] = 1.0;
    with.push_back(unit);
    if (Rank(with) == base) out.push_back(unknowns[u]);
  }
  return out;
}

TEST(SmallCellsTest, CheckerAgreesWithLinearAlgebraOnRandomPatterns) {
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t rows = 2 + next() % 4;
    const std::size_t cols = 2 + next() % 4;
    std::vector<std::vector<bool>> pattern(rows, std::vector<bool>(cols));
    for (auto& row : pattern) {
      for (std::size_t c = 0; c < cols; ++c) row[c] = next() % 3 == 0;
    }
    EXPECT_EQ(DeterminedSuppressedCells(pattern), DeterminedByAlgebra(pattern))
        << "trial " << trial;
  }
}

TEST(SmallCellsTest, SecondarySuppressionProtectsRandomTables) {
  std::uint64_t state = 777;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int trial = 0; trial < 200; ++trial) {
    CountTable t;
    const std::size_t rows = 1 + next() % 6;
    const std::size_t cols = 1 + next() % 6;
    for (std::size_t r = 0; r < rows; ++r) t.row_labels.push_back("r" + std::to_string(r));
    for (std::size_t c = 0; c < cols; ++c) t.column_labels.push_back("c" + std::to_string(c));
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<std::int64_t> line;
      for (std::size_t c = 0; c < cols; ++c) {
        line.push_back(static_cast<std::int64_t>(next() % 4 == 0 ? next() % 10 : next() % 60));
      }
      t.counts.push_back(line);
    }
    const auto published = PublishCountTable(t);
    ASSERT_TRUE(published.has_value());
    EXPECT_TRUE(CheckNoSuppressedCellDetermined(*published).has_value()) << "trial " << trial;
    std::vector<std::vector<bool>> pattern;
    for (const auto& row : published->cells) {
      std::vector<bool> line;
      for (const auto& cell : row) line.push_back(cell.Suppressed());
      pattern.push_back(line);
    }
    EXPECT_TRUE(DeterminedByAlgebra(pattern).empty()) << "trial " << trial;
  }
}

}  // namespace
}  // namespace tandem::core::eval
