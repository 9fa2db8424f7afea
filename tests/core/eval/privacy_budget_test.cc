// The two-sided geometric mechanism against its pmf (chi-square), and the budget ledger.
#include "core/eval/privacy_budget.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

namespace tandem::core::eval {
namespace {

// SplitMix64: deterministic, well-mixed uniform 64-bit values for tests.
class SplitMix64 : public RandomSource {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next64() override {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

// Chi-square statistic of `samples` draws against the pmf over bins -K..K plus two tails.
double ChiSquare(Epsilon epsilon, std::int64_t sensitivity, int samples, std::int64_t k,
                 std::uint64_t seed) {
  SplitMix64 random(seed);
  std::map<std::int64_t, int> counts;
  for (int i = 0; i < samples; ++i) {
    const auto z = SampleTwoSidedGeometric(epsilon, sensitivity, random);
    EXPECT_TRUE(z.has_value());
    counts[std::clamp<std::int64_t>(*z, -k - 1, k + 1)]++;
  }
  double chi = 0.0;
  double inside = 0.0;
  for (std::int64_t z = -k; z <= k; ++z) {
    const double p = TwoSidedGeometricPmf(z, epsilon, sensitivity);
    inside += p;
    const double expected = p * samples;
    chi += std::pow(counts[z] - expected, 2) / expected;
  }
  const double tail = (1.0 - inside) / 2.0 * samples;
  chi += std::pow(counts[-k - 1] - tail, 2) / tail;
  chi += std::pow(counts[k + 1] - tail, 2) / tail;
  return chi;
}

TEST(GeometricMechanismTest, MatchesThePmfByChiSquare) {
  // 2K + 3 = 23 bins, 22 degrees of freedom: the 0.999 quantile of chi-square(22) is 48.27.
  EXPECT_LT(ChiSquare(*ParseEpsilon("0.5"), 1, 100000, 10, 1), 48.27);
  // Epsilon 1, sensitivity 1: a = e^-1; K = 5 keeps every expected count large; df 12: 32.91.
  EXPECT_LT(ChiSquare(*ParseEpsilon("1"), 1, 100000, 5, 2), 32.91);
  // Sensitivity 3 with epsilon 1.5: the same a as epsilon 0.5, sensitivity 1.
  EXPECT_LT(ChiSquare(*ParseEpsilon("1.5"), 3, 100000, 10, 3), 48.27);
}

TEST(GeometricMechanismTest, ChiSquareDetectsAWrongEpsilon) {
  // Draws with epsilon 0.5 tested against the pmf of epsilon 0.7 must fail the same bound.
  SplitMix64 random(9);
  std::map<std::int64_t, int> counts;
  const int samples = 100000;
  for (int i = 0; i < samples; ++i) {
    counts[std::clamp<std::int64_t>(*SampleTwoSidedGeometric(*ParseEpsilon("0.5"), 1, random), -11,
                                    11)]++;
  }
  double chi = 0.0;
  for (std::int64_t z = -10; z <= 10; ++z) {
    const double expected = TwoSidedGeometricPmf(z, *ParseEpsilon("0.7"), 1) * samples;
    chi += std::pow(counts[z] - expected, 2) / expected;
  }
  EXPECT_GT(chi, 48.27);
}

TEST(GeometricMechanismTest, PmfSumsToOneAndIsSymmetric) {
  double sum = 0.0;
  for (std::int64_t z = -2000; z <= 2000; ++z) sum += TwoSidedGeometricPmf(z, {100000}, 1);
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(TwoSidedGeometricPmf(4, {300000}, 2), TwoSidedGeometricPmf(-4, {300000}, 2));
}

TEST(GeometricMechanismTest, RejectsOutOfRangeParameters) {
  SplitMix64 random(1);
  EXPECT_EQ(SampleTwoSidedGeometric({0}, 1, random).error().code, Code::kInvalidArgument);
  EXPECT_EQ(SampleTwoSidedGeometric({1000000}, 0, random).error().code, Code::kInvalidArgument);
}

TEST(EpsilonTest, ParsesAndFormatsExactDecimals) {
  EXPECT_EQ(ParseEpsilon("0.5")->micros, 500000u);
  EXPECT_EQ(ParseEpsilon("2")->micros, 2000000u);
  EXPECT_EQ(ParseEpsilon("0.000001")->micros, 1u);
  EXPECT_EQ(FormatEpsilon({1250000}), "1.25");
  EXPECT_EQ(FormatEpsilon({3000000}), "3");
  EXPECT_EQ(FormatEpsilon({1}), "0.000001");
  for (const char* bad : {"", "0", "-1", "1e-3", "0.0000001", "101", "abc", "1.", ".5x"}) {
    EXPECT_FALSE(ParseEpsilon(bad).has_value()) << bad;
  }
}

TEST(PrivacyBudgetLedgerTest, SpendsUntilTheBudgetIsUsedThenRefuses) {
  PrivacyBudgetLedger ledger;
  ASSERT_TRUE(ledger.SetBudget("isa-dorset-2025", *ParseEpsilon("1")).has_value());
  EXPECT_EQ(ledger.Spend("isa-dorset-2025", *ParseEpsilon("0.3"))->micros, 700000u);
  EXPECT_EQ(ledger.Spend("isa-dorset-2025", *ParseEpsilon("0.7"))->micros, 0u);
  const auto refused = ledger.Spend("isa-dorset-2025", *ParseEpsilon("0.000001"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Code::kResourceExhausted);
  EXPECT_EQ(ledger.Remaining("isa-dorset-2025")->micros, 0u);
}

TEST(PrivacyBudgetLedgerTest, RefusalSpendsNothingAndBudgetsAreSeparatePerAgreement) {
  PrivacyBudgetLedger ledger;
  ASSERT_TRUE(ledger.SetBudget("a", *ParseEpsilon("1")).has_value());
  ASSERT_TRUE(ledger.SetBudget("b", *ParseEpsilon("1")).has_value());
  ASSERT_TRUE(ledger.Spend("a", *ParseEpsilon("0.6")).has_value());
  const auto refused = ledger.Spend("a", *ParseEpsilon("0.5"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("0.4"), std::string::npos);
  EXPECT_EQ(ledger.Remaining("a")->micros, 400000u);
  EXPECT_EQ(ledger.Remaining("b")->micros, 1000000u);
  EXPECT_EQ(ledger.Spend("c", {1}).error().code, Code::kNotFound);
  EXPECT_FALSE(ledger.SetBudget("a", *ParseEpsilon("0.5")).has_value());  // below spent 0.6
}

TEST(PrivacyBudgetLedgerTest, RestoresFromItsEntries) {
  PrivacyBudgetLedger ledger;
  ASSERT_TRUE(ledger.SetBudget("a", *ParseEpsilon("2")).has_value());
  ASSERT_TRUE(ledger.Spend("a", *ParseEpsilon("1.5")).has_value());
  PrivacyBudgetLedger copy;
  ASSERT_TRUE(copy.Restore(ledger.Entries()).has_value());
  EXPECT_EQ(copy.Remaining("a")->micros, 500000u);
  EXPECT_FALSE(copy.Restore({{"x", {1}, {2}}}).has_value());
}

TEST(PrivacyBudgetLedgerTest, ReleaseNoisyCountSpendsThenAddsNoise) {
  PrivacyBudgetLedger ledger;
  ASSERT_TRUE(ledger.SetBudget("a", *ParseEpsilon("1")).has_value());
  SplitMix64 random(5);
  int changed = 0;
  for (int i = 0; i < 10; ++i) {
    const auto noisy = ReleaseNoisyCount(ledger, "a", 100, *ParseEpsilon("0.1"), 1, random);
    ASSERT_TRUE(noisy.has_value());
    changed += *noisy != 100 ? 1 : 0;
  }
  EXPECT_GT(changed, 5);  // P(noise = 0) = (1 - a)/(1 + a) = 0.05 at epsilon 0.1
  const auto refused = ReleaseNoisyCount(ledger, "a", 100, *ParseEpsilon("0.1"), 1, random);
  EXPECT_EQ(refused.error().code, Code::kResourceExhausted);
  EXPECT_EQ(ReleaseNoisyCount(ledger, "a", 100, {1}, 0, random).error().code,
            Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::core::eval
