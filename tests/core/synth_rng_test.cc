// The generator's own random numbers and reference permutations.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>

#include "core/identifiers.h"
#include "core/synth/internal/id_permutation.h"
#include "core/synth/internal/references.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {
namespace {

TEST(SynthRngTest, SplitMix64MatchesItsReferenceSequence) {
  // First outputs of splitmix64 from state 0 (Vigna's reference implementation).
  std::uint64_t state = 0;
  EXPECT_EQ(SplitMix64(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(SplitMix64(state), 0x06c45d188009454fULL);
}

TEST(SynthRngTest, SameSeedSameSequenceAndStreamsDiffer) {
  Rng a(42);
  Rng b(42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
  Rng s1 = Rng::ForStream(42, 1, 0);
  Rng s2 = Rng::ForStream(42, 2, 0);
  Rng s3 = Rng::ForStream(42, 1, 1);
  const std::uint64_t x1 = s1.Next();
  EXPECT_NE(x1, s2.Next());
  EXPECT_NE(x1, s3.Next());
  EXPECT_EQ(Rng::ForStream(42, 1, 0).Next(), x1);
}

TEST(SynthRngTest, BelowAndBetweenStayInRangeAndReachBothEnds) {
  Rng rng(7);
  std::set<int> seen;
  for (int i = 0; i < 2000; ++i) {
    EXPECT_LT(rng.Below(13), 13u);
    const int v = rng.Between(-2, 3);
    EXPECT_GE(v, -2);
    EXPECT_LE(v, 3);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 6u);
  const double u = rng.Unit();
  EXPECT_GE(u, 0.0);
  EXPECT_LT(u, 1.0);
}

TEST(SynthRngTest, WeightedNeverPicksAZeroWeight) {
  Rng rng(9);
  const std::array<std::uint32_t, 4> weights = {0, 3, 0, 1};
  std::array<int, 4> counts{};
  for (int i = 0; i < 4000; ++i) ++counts[rng.Weighted(weights)];
  EXPECT_EQ(counts[0], 0);
  EXPECT_EQ(counts[2], 0);
  EXPECT_NEAR(counts[1] / 4000.0, 0.75, 0.04);
}

TEST(SynthRngTest, PoissonHasTheRequestedMean) {
  Rng rng(11);
  for (double mean : {0.35, 2.3, 6.0}) {
    double sum = 0;
    constexpr int kDraws = 20000;
    for (int i = 0; i < kDraws; ++i) sum += rng.Poisson(mean);
    EXPECT_NEAR(sum / kDraws, mean, mean * 0.05 + 0.01) << mean;
  }
}

TEST(SynthRngTest, ExpNegIsAccurateWithoutLibm) {
  EXPECT_NEAR(ExpNeg(0), 1.0, 1e-15);
  EXPECT_NEAR(ExpNeg(1), 0.36787944117144233, 1e-14);
  EXPECT_NEAR(ExpNeg(6) / 0.0024787521766663585, 1.0, 1e-12);
  EXPECT_NEAR(ExpNeg(30) / 9.357622968840175e-14, 1.0, 1e-10);
}

TEST(SynthRngTest, IdPermutationIsABijectionOfItsDomain) {
  for (std::uint64_t domain : {2ull, 1000ull, 4097ull}) {
    IdPermutation permutation(domain, 1234);
    std::set<std::uint64_t> images;
    for (std::uint64_t i = 0; i < domain; ++i) {
      const std::uint64_t v = permutation.Map(i);
      EXPECT_LT(v, domain);
      images.insert(v);
    }
    EXPECT_EQ(images.size(), domain);
  }
  // Scattered: consecutive indices do not give consecutive images.
  IdPermutation permutation(10'000'000, 99);
  int adjacent = 0;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    const auto a = permutation.Map(i);
    const auto b = permutation.Map(i + 1);
    adjacent += (a + 1 == b) ? 1 : 0;
  }
  EXPECT_LT(adjacent, 5);
}

TEST(SynthRngTest, PersonalNumbersAreValidAndUnique) {
  References refs(5);
  std::set<std::string> nhs;
  std::set<std::string> pnc;
  std::set<std::string> ni;
  for (int i = 0; i < 500; ++i) {
    const std::string number = refs.NextNhsNumber();
    EXPECT_TRUE(IsValidNhsNumber(number)) << number;
    EXPECT_TRUE(number[0] == '4' || number[0] == '6' || number[0] == '7') << number;
    nhs.insert(number);
    const std::string id = refs.NextPnc(2004);
    ASSERT_GE(id.size(), 5u);
    EXPECT_EQ(id.substr(0, 3), "04/");
    const std::string serial = id.substr(3, id.size() - 4);
    EXPECT_EQ(PncCheckLetter("04", serial), id.back()) << id;
    pnc.insert(id);
    const std::string insurance = refs.NextNiNumber(i % 4);
    EXPECT_EQ(insurance.size(), 9u);
    EXPECT_NE(insurance.find_first_of("ABCD", 8), std::string::npos);
    ni.insert(insurance);
  }
  EXPECT_EQ(nhs.size(), 500u);
  EXPECT_EQ(pnc.size(), 500u);
  EXPECT_EQ(ni.size(), 500u);
}

TEST(SynthRngTest, RecordReferencesHaveTheirFormats) {
  References refs(5);
  EXPECT_EQ(refs.Next(RefKind::kNominal).size(), 8u);
  EXPECT_EQ(refs.Next(RefKind::kOccurrence).substr(0, 2), "OC");
  const std::string crn = refs.Next(RefKind::kCrn);
  ASSERT_EQ(crn.size(), 7u);
  EXPECT_TRUE(crn[0] >= 'A' && crn[0] <= 'Z');
  EXPECT_EQ(refs.Next(RefKind::kIdvaCase).substr(0, 5), "IDVA-");
  EXPECT_EQ(VictimRef(42), "V00000042");
}

}  // namespace
}  // namespace tandem::core::synth::internal
