// Wilcoxon and Spearman against reference values computed independently with SciPy
// (tests/vectors/eval/generate_reference.py), to 4 decimals; plus the special functions.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/eval/internal/distributions.h"
#include "core/eval/internal/ranks.h"
#include "core/eval/spearman.h"
#include "core/eval/wilcoxon.h"

namespace tandem::core::eval {
namespace {

struct ReferenceCase {
  std::string kind;
  std::string name;
  std::map<std::string, std::string> fields;

  std::vector<double> List(const std::string& key) const {
    std::vector<double> out;
    std::stringstream in(fields.at(key));
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stod(item));
    return out;
  }
  double Number(const std::string& key) const { return std::stod(fields.at(key)); }
};

std::vector<ReferenceCase> LoadReference() {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/eval/reference.txt");
  std::vector<ReferenceCase> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream tokens(line);
    ReferenceCase c;
    tokens >> c.kind >> c.name;
    std::string token;
    while (tokens >> token) {
      const auto eq = token.find('=');
      c.fields[token.substr(0, eq)] = token.substr(eq + 1);
    }
    out.push_back(std::move(c));
  }
  return out;
}

TEST(StatisticsReferenceTest, LoadsEveryCaseOfTheReferenceFile) {
  const auto cases = LoadReference();
  int wilcoxon = 0;
  int spearman = 0;
  for (const auto& c : cases) (c.kind == "wilcoxon" ? wilcoxon : spearman)++;
  EXPECT_EQ(wilcoxon, 12);
  EXPECT_EQ(spearman, 9);
}

TEST(StatisticsReferenceTest, WilcoxonMatchesScipyToFourDecimals) {
  for (const auto& c : LoadReference()) {
    if (c.kind != "wilcoxon") continue;
    SCOPED_TRACE(c.name);
    const auto before = c.List("before");
    const auto after = c.List("after");
    const auto result = WilcoxonSignedRank(before, after);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(result->n, static_cast<std::size_t>(c.Number("n")));
    EXPECT_NEAR(result->w_plus, c.Number("w_plus"), 1e-9);
    EXPECT_NEAR(result->p_value, c.Number("p"), 5e-5);
    EXPECT_EQ(PValueMethodName(result->method), c.fields.at("method"));
  }
}

TEST(StatisticsReferenceTest, SpearmanMatchesScipyToFourDecimals) {
  for (const auto& c : LoadReference()) {
    if (c.kind != "spearman") continue;
    SCOPED_TRACE(c.name);
    const auto result = Spearman(c.List("x"), c.List("y"));
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_NEAR(result->rho, c.Number("rho"), 5e-5);
    EXPECT_NEAR(result->p_value, c.Number("p"), 5e-5);
    EXPECT_EQ(PValueMethodName(result->method), c.fields.at("method"));
  }
}

TEST(WilcoxonTest, DropsZeroDifferencesAndCountsThem) {
  const std::vector<double> before = {5, 5, 5, 9};
  const std::vector<double> after = {5, 7, 5, 4};
  const auto result = WilcoxonSignedRank(before, after);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->pairs, 4u);
  EXPECT_EQ(result->zero_dropped, 2u);
  EXPECT_EQ(result->n, 2u);
  EXPECT_DOUBLE_EQ(result->w_plus, 1.0);
  EXPECT_DOUBLE_EQ(result->w_minus, 2.0);
}

TEST(WilcoxonTest, ExactAndNormalAgreeRoughlyAtTheCutoff) {
  std::vector<double> before;
  std::vector<double> after;
  for (int i = 0; i < 40; ++i) {
    before.push_back(100.0 + i);
    after.push_back(100.0 + i + ((i % 3 == 0) ? -(i + 1.5) : (i * 0.7 + 0.25)));
  }
  const auto exact = WilcoxonSignedRank(before, after);
  const auto normal = WilcoxonSignedRank(before, after, {.exact_max_n = 10});
  ASSERT_TRUE(exact.has_value() && normal.has_value());
  EXPECT_EQ(exact->method, PValueMethod::kExact);
  EXPECT_EQ(normal->method, PValueMethod::kNormal);
  EXPECT_NEAR(exact->p_value, normal->p_value, 0.01);
  EXPECT_DOUBLE_EQ(exact->z, normal->z);
}

TEST(WilcoxonTest, ReportsANegativeZWhenValuesFell) {
  const std::vector<double> before = {10, 20, 30, 40, 50, 60};
  const std::vector<double> after = {1, 2, 3, 4, 5, 70};
  const auto result = WilcoxonSignedRank(before, after);
  ASSERT_TRUE(result.has_value());
  EXPECT_LT(result->z, 0.0);
}

TEST(WilcoxonTest, RejectsUnpairedNonFiniteAndAllZeroInput) {
  const std::vector<double> three = {1, 2, 3};
  const std::vector<double> two = {1, 2};
  EXPECT_EQ(WilcoxonSignedRank(three, two).error().code, Code::kInvalidArgument);
  const std::vector<double> nan = {1, std::nan(""), 3};
  EXPECT_EQ(WilcoxonSignedRank(three, nan).error().code, Code::kInvalidArgument);
  const auto zero = WilcoxonSignedRank(three, three);
  ASSERT_FALSE(zero.has_value());
  EXPECT_NE(zero.error().message.find("zero difference"), std::string::npos);
}

TEST(SpearmanTest, RejectsTooFewPairsAndConstantVariables) {
  const std::vector<double> two = {1, 2};
  EXPECT_EQ(Spearman(two, two).error().code, Code::kInvalidArgument);
  const std::vector<double> x = {1, 2, 3, 4};
  const std::vector<double> flat = {0, 0, 0, 0};
  const auto result = Spearman(x, flat);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("every y value"), std::string::npos);
  EXPECT_EQ(Spearman(x, x, {.exact_max_n = 11}).error().code, Code::kInvalidArgument);
}

TEST(SpearmanTest, ExactAndTAgreeRoughlyForNinePairs) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<double> y = {3, 1, 4, 2, 6, 5, 9, 7, 8};
  const auto exact = Spearman(x, y);
  const auto t = Spearman(x, y, {.exact_max_n = 3});
  ASSERT_TRUE(exact.has_value() && t.has_value());
  EXPECT_EQ(exact->method, PValueMethod::kExact);
  EXPECT_EQ(t->method, PValueMethod::kStudentT);
  EXPECT_DOUBLE_EQ(exact->rho, t->rho);
  EXPECT_NEAR(exact->p_value, t->p_value, 0.02);
}

TEST(MidRanksTest, GivesTiedValuesTheMeanOfTheirRanks) {
  const std::vector<double> values = {10, 30, 20, 30, 30, 5};
  const auto ranking = internal::MidRanks(values);
  const std::vector<double> expected = {2, 5, 3, 5, 5, 1};
  EXPECT_EQ(ranking.ranks, expected);
  EXPECT_EQ(ranking.tie_sizes, std::vector<std::size_t>{3});
}

TEST(DistributionsTest, StudentTMatchesTabulatedCriticalValues) {
  // Two-sided 5% critical values of Student's t (standard tables).
  EXPECT_NEAR(internal::StudentTTwoSided(12.706, 1), 0.05, 1e-4);
  EXPECT_NEAR(internal::StudentTTwoSided(2.228, 10), 0.05, 1e-4);
  EXPECT_NEAR(internal::StudentTTwoSided(1.984, 100), 0.05, 1e-4);
  EXPECT_NEAR(internal::StudentTTwoSided(0.0, 7), 1.0, 1e-12);
}

TEST(DistributionsTest, IncompleteBetaMatchesClosedForms) {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
  EXPECT_NEAR(internal::RegularizedIncompleteBeta(1, 1, 0.3), 0.3, 1e-12);
  EXPECT_NEAR(internal::RegularizedIncompleteBeta(3, 1, 0.6), 0.216, 1e-12);
  EXPECT_NEAR(internal::RegularizedIncompleteBeta(1, 4, 0.2), 1 - std::pow(0.8, 4), 1e-12);
  EXPECT_NEAR(internal::NormalUpperTail(1.959964), 0.025, 1e-6);
  // Half-integer parameters go through the log-gamma of non-integers:
  // I_x(1/2, 1/2) = (2 / pi) asin(sqrt(x)).
  const double pi = std::acos(-1.0);
  EXPECT_NEAR(internal::RegularizedIncompleteBeta(0.5, 0.5, 0.3),
              2.0 / pi * std::asin(std::sqrt(0.3)), 1e-12);
  EXPECT_NEAR(internal::RegularizedIncompleteBeta(0.5, 0.5, 0.97),
              2.0 / pi * std::asin(std::sqrt(0.97)), 1e-12);
}

}  // namespace
}  // namespace tandem::core::eval
