#include "core/matching/em.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/matching/blocking.h"
#include "core/matching/comparison.h"

namespace tandem::core::matching {
namespace {

// SplitMix64: a fixed generator so the synthetic data is the same under every standard
// library (std:: distributions are not).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The process that generates comparisons: a pair is a match with probability `prior`; key k
// is missing with probability missing[k] (whatever the class); otherwise it agrees with
// probability m[k] (match) or u[k] (non-match).
struct TrueModel {
  std::vector<double> m;
  std::vector<double> u;
  std::vector<double> missing;
  double prior = 0.0;

  std::size_t keys() const { return m.size(); }
};

std::vector<KeyType> KeyTypesFor(const TrueModel& truth, double seed_m, double seed_u) {
  std::vector<KeyType> key_types;
  for (std::size_t k = 0; k < truth.keys(); ++k) {
    key_types.push_back({.name = "key" + std::to_string(k), .seed_m = seed_m, .seed_u = seed_u});
  }
  return key_types;
}

// Probability of `pattern` under the generating process.
double PatternProbability(const TrueModel& truth, const ComparisonPattern& pattern) {
  double missingness = 1.0;
  double given_match = 1.0;
  double given_nonmatch = 1.0;
  for (std::size_t k = 0; k < truth.keys(); ++k) {
    switch (pattern.Get(k)) {
      case Agreement::kMissing:
        missingness *= truth.missing[k];
        break;
      case Agreement::kAgree:
        missingness *= 1.0 - truth.missing[k];
        given_match *= truth.m[k];
        given_nonmatch *= truth.u[k];
        break;
      case Agreement::kDisagree:
        missingness *= 1.0 - truth.missing[k];
        given_match *= 1.0 - truth.m[k];
        given_nonmatch *= 1.0 - truth.u[k];
        break;
    }
  }
  return missingness * (truth.prior * given_match + (1.0 - truth.prior) * given_nonmatch);
}

// Every one of the 3^K patterns with exactly its expected count among `pairs` pairs.
PatternCounts ExpectedCounts(const TrueModel& truth, double pairs) {
  PatternCounts counts(truth.keys());
  std::size_t patterns = 1;
  for (std::size_t k = 0; k < truth.keys(); ++k) patterns *= 3;
  for (std::size_t index = 0; index < patterns; ++index) {
    ComparisonPattern pattern;
    std::size_t rest = index;
    for (std::size_t k = 0; k < truth.keys(); ++k, rest /= 3) {
      pattern.Set(k, static_cast<Agreement>(rest % 3));
    }
    counts.Add(pattern, pairs * PatternProbability(truth, pattern));
  }
  return counts;
}

ComparisonPattern DrawPattern(const TrueModel& truth, SplitMix64& random) {
  const bool match = random.Uniform() < truth.prior;
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < truth.keys(); ++k) {
    if (random.Uniform() < truth.missing[k]) continue;
    const double agree = match ? truth.m[k] : truth.u[k];
    pattern.Set(k, random.Uniform() < agree ? Agreement::kAgree : Agreement::kDisagree);
  }
  return pattern;
}

PatternCounts SampledCounts(const TrueModel& truth, int pairs, std::uint64_t seed) {
  SplitMix64 random(seed);
  PatternCounts counts(truth.keys());
  for (int i = 0; i < pairs; ++i) counts.Add(DrawPattern(truth, random));
  return counts;
}

TrainingPairs CandidatesOnly(const PatternCounts& counts) {
  TrainingPairs pairs(counts.key_count());
  pairs.candidates = counts;
  return pairs;
}

void ExpectRecovered(const EmFit& fit, const TrueModel& truth, double tolerance) {
  for (std::size_t k = 0; k < truth.keys(); ++k) {
    EXPECT_NEAR(fit.model.parameters(k).m, truth.m[k], tolerance) << "m of key " << k;
    EXPECT_NEAR(fit.model.parameters(k).u, truth.u[k], tolerance) << "u of key " << k;
  }
  EXPECT_NEAR(fit.model.prior(), truth.prior, tolerance);
}

const TrueModel kFiveKeys = {.m = {0.95, 0.9, 0.85, 0.8, 0.7},
                             .u = {0.02, 0.05, 0.1, 0.2, 0.3},
                             .missing = {0.5, 0.3, 0.1, 0.0, 0.2},
                             .prior = 0.1};

TEST(EmTest, RecoversTheGeneratingParametersFromExactExpectedCounts) {
  const auto fit =
      FitEm(KeyTypesFor(kFiveKeys, 0.9, 0.1), CandidatesOnly(ExpectedCounts(kFiveKeys, 1e6)));
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_TRUE(fit->converged);
  // Exact counts have the true parameters as their maximum-likelihood estimate.
  ExpectRecovered(*fit, kFiveKeys, 1e-4);
}

TEST(EmTest, RecoversTheGeneratingParametersFromSampledPairsWithin002) {
  const TrueModel truth = {.m = {0.97, 0.9, 0.85, 0.8, 0.75, 0.9},
                           .u = {0.01, 0.03, 0.1, 0.15, 0.25, 0.05},
                           .missing = {0.6, 0.2, 0.1, 0.0, 0.3, 0.4},
                           .prior = 0.05};
  const PatternCounts counts = SampledCounts(truth, 300000, 20240601);
  EXPECT_LT(counts.size(), 729U);  // 300000 pairs collapse into at most 3^6 patterns
  const auto fit = FitEm(KeyTypesFor(truth, 0.9, 0.1), CandidatesOnly(counts));
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_TRUE(fit->converged);
  ExpectRecovered(*fit, truth, 0.02);
}

TEST(EmTest, ConvergesFromPoorSeeds) {
  EmOptions options;
  options.seed_prior = 0.5;
  // Seeds that barely favour agreement and a prior five times too high.
  const auto fit = FitEm(KeyTypesFor(kFiveKeys, 0.55, 0.45),
                         CandidatesOnly(SampledCounts(kFiveKeys, 200000, 7)), options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_TRUE(fit->converged);
  ExpectRecovered(*fit, kFiveKeys, 0.02);
}

TEST(EmTest, RelabelsClassesWhenSeedsAreUpsideDown) {
  EmOptions options;
  options.seed_prior = 0.9;
  // Seeds claim agreement favours a non-match; EM settles on swapped classes, which FitEm
  // turns back so that agreement adds weight.
  const auto fit = FitEm(KeyTypesFor(kFiveKeys, 0.2, 0.8),
                         CandidatesOnly(ExpectedCounts(kFiveKeys, 1e6)), options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  ExpectRecovered(*fit, kFiveKeys, 1e-3);
  for (std::size_t k = 0; k < kFiveKeys.keys(); ++k) EXPECT_GT(fit->model.AgreementWeight(k), 0);
}

TEST(EmTest, LogLikelihoodNeverDecreases) {
  EmOptions options;
  options.seed_prior = 0.5;
  const auto fit = FitEm(KeyTypesFor(kFiveKeys, 0.6, 0.4),
                         CandidatesOnly(SampledCounts(kFiveKeys, 50000, 99)), options);
  ASSERT_TRUE(fit.has_value());
  ASSERT_EQ(fit->log_likelihood.size(), static_cast<std::size_t>(fit->iterations) + 1);
  ASSERT_GT(fit->iterations, 3);
  for (std::size_t i = 1; i < fit->log_likelihood.size(); ++i) {
    EXPECT_GE(fit->log_likelihood[i], fit->log_likelihood[i - 1] - 1e-6) << "iteration " << i;
  }
  EXPECT_GT(fit->log_likelihood.back(), fit->log_likelihood.front());
}

TEST(EmTest, StopsAtTheIterationCapAndSaysItDidNotConverge) {
  EmOptions options;
  options.max_iterations = 2;
  options.seed_prior = 0.5;
  const auto fit = FitEm(KeyTypesFor(kFiveKeys, 0.6, 0.4),
                         CandidatesOnly(ExpectedCounts(kFiveKeys, 1e5)), options);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->iterations, 2);
  EXPECT_FALSE(fit->converged);
  EXPECT_EQ(fit->log_likelihood.size(), 3U);
}

TEST(EmTest, ClampsAKeyThatAlwaysAgreesIntoEpsilon) {
  // Key 0 agrees in every pair: unclamped, m = u = 1 and its disagreement weight would be
  // log2(0/0).
  const TrueModel truth = {
      .m = {1.0, 0.8, 0.7}, .u = {1.0, 0.2, 0.3}, .missing = {0.0, 0.0, 0.0}, .prior = 0.2};
  EmOptions options;
  options.epsilon = 1e-5;
  const auto fit =
      FitEm(KeyTypesFor(truth, 0.9, 0.1), CandidatesOnly(ExpectedCounts(truth, 1e4)), options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_DOUBLE_EQ(fit->model.parameters(0).m, 1.0 - 1e-5);
  EXPECT_DOUBLE_EQ(fit->model.parameters(0).u, 1.0 - 1e-5);
  EXPECT_TRUE(std::isfinite(fit->model.DisagreementWeight(0)));
  EXPECT_NEAR(fit->model.AgreementWeight(0), 0.0, 1e-12);
}

TEST(EmTest, PerfectlySeparatingKeyStaysInsideEpsilon) {
  // Key 0 agrees for every match and for no non-match: the likelihood is highest at m = 1,
  // u = 0. EM creeps towards that corner (slowly: it may reach the iteration cap) and the
  // clamp keeps it out of reach, so every weight stays finite.
  const TrueModel truth = {
      .m = {1.0, 0.8, 0.7}, .u = {0.0, 0.2, 0.3}, .missing = {0.0, 0.0, 0.0}, .prior = 0.2};
  EmOptions options;
  options.epsilon = 1e-5;
  const auto fit =
      FitEm(KeyTypesFor(truth, 0.9, 0.1), CandidatesOnly(ExpectedCounts(truth, 1e4)), options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_LE(fit->model.parameters(0).m, 1.0 - 1e-5);
  EXPECT_GE(fit->model.parameters(0).u, 1e-5);
  EXPECT_GT(fit->model.AgreementWeight(0), 5.0);
  EXPECT_TRUE(std::isfinite(fit->model.DisagreementWeight(0)));
}

TEST(EmTest, KeepsTheSeedForAKeyThatIsNeverCompared) {
  TrueModel truth = kFiveKeys;
  truth.missing[4] = 1.0;
  const auto fit = FitEm(KeyTypesFor(truth, 0.9, 0.1), CandidatesOnly(ExpectedCounts(truth, 1e6)));
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_DOUBLE_EQ(fit->model.parameters(4).m, 0.9);
  EXPECT_DOUBLE_EQ(fit->model.parameters(4).u, 0.1);
  EXPECT_NEAR(fit->model.parameters(0).m, truth.m[0], 1e-3);
}

// A population of cross-agency pairs where matches are rare, as they are: blocking keeps the
// pairs that agree on at least one key.
const TrueModel kPopulation = {.m = {0.95, 0.9, 0.85, 0.8, 0.9},
                               .u = {0.001, 0.005, 0.01, 0.02, 0.05},
                               .missing = {0.5, 0.2, 0.1, 0.0, 0.3},
                               .prior = 0.001};

bool IsCandidate(const ComparisonPattern& pattern) { return pattern.AgreeMask() != 0; }

void SplitByBlocking(const PatternCounts& all, PatternCounts& candidates,
                     PatternCounts& non_candidates) {
  for (const auto& [pattern, count] : all.Sorted()) {
    (IsCandidate(pattern) ? candidates : non_candidates).Add(pattern, count);
  }
}

TEST(EmTest, CandidatePairsAloneGiveBiasedParameters) {
  TrainingPairs pairs(kPopulation.keys());
  PatternCounts ignored(kPopulation.keys());
  SplitByBlocking(ExpectedCounts(kPopulation, 1e8), pairs.candidates, ignored);
  const auto fit = FitEm(KeyTypesFor(kPopulation, 0.9, 0.01), pairs);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_FALSE(fit->corrected_for_blocking);
  // Among candidates every non-match agrees somewhere and matches are far less rare, so the
  // fit describes a different population: the prior is far too high and u far off.
  double worst_u_ratio = 1.0;
  for (std::size_t k = 0; k < kPopulation.keys(); ++k) {
    const double ratio = fit->model.parameters(k).u / kPopulation.u[k];
    worst_u_ratio = std::max({worst_u_ratio, ratio, 1.0 / ratio});
  }
  EXPECT_GT(worst_u_ratio, 2.0);
  EXPECT_GT(fit->model.prior(), 10.0 * kPopulation.prior);
}

TEST(EmTest, ExactNonCandidateCountsRemoveTheBlockingBias) {
  TrainingPairs pairs(kPopulation.keys());
  SplitByBlocking(ExpectedCounts(kPopulation, 1e8), pairs.candidates, pairs.non_candidates);
  const auto fit = FitEm(KeyTypesFor(kPopulation, 0.9, 0.01), pairs);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  EXPECT_TRUE(fit->corrected_for_blocking);
  EXPECT_TRUE(fit->converged);
  for (std::size_t k = 0; k < kPopulation.keys(); ++k) {
    EXPECT_NEAR(fit->model.parameters(k).m, kPopulation.m[k], 1e-3) << "key " << k;
    EXPECT_NEAR(fit->model.parameters(k).u / kPopulation.u[k], 1.0, 1e-3) << "key " << k;
  }
  EXPECT_NEAR(fit->model.prior() / kPopulation.prior, 1.0, 1e-3);
}

TEST(EmTest, ASampleOfNonCandidatePairsRemovesTheBlockingBias) {
  // Every candidate pair, but only a uniform sample of 20000 non-candidate pairs, scaled up
  // to the number of non-candidate pairs.
  const double population = 1e8;
  TrainingPairs pairs(kPopulation.keys());
  PatternCounts all_non_candidates(kPopulation.keys());
  SplitByBlocking(ExpectedCounts(kPopulation, population), pairs.candidates, all_non_candidates);
  SplitMix64 random(424242);
  const int sample_size = 20000;
  for (int drawn = 0; drawn < sample_size;) {
    const ComparisonPattern pattern = DrawPattern(kPopulation, random);
    if (IsCandidate(pattern)) continue;
    pairs.non_candidates.Add(pattern);
    ++drawn;
  }
  pairs.non_candidate_scale = all_non_candidates.Total() / sample_size;
  const auto fit = FitEm(KeyTypesFor(kPopulation, 0.9, 0.01), pairs);
  ASSERT_TRUE(fit.has_value()) << fit.error().message;
  for (std::size_t k = 0; k < kPopulation.keys(); ++k) {
    EXPECT_NEAR(fit->model.parameters(k).m, kPopulation.m[k], 0.02) << "key " << k;
    EXPECT_NEAR(fit->model.parameters(k).u / kPopulation.u[k], 1.0, 0.1) << "key " << k;
  }
  EXPECT_NEAR(fit->model.prior() / kPopulation.prior, 1.0, 0.1);
}

// Records of one agency with up to four key types, each a small token so that pairs agree
// often enough to exercise every pattern. -1 marks a missing key.
using Record = std::vector<int>;

std::vector<Record> RandomRecords(int count, SplitMix64& random) {
  std::vector<Record> records;
  for (int i = 0; i < count; ++i) {
    Record record;
    for (int k = 0; k < 4; ++k) {
      record.push_back(random.Uniform() < 0.3 ? -1 : static_cast<int>(random.Next() % 4));
    }
    records.push_back(record);
  }
  return records;
}

ComparisonPattern Compare(const Record& a, const Record& b) {
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] < 0 || b[k] < 0) continue;
    pattern.Set(k, a[k] == b[k] ? Agreement::kAgree : Agreement::kDisagree);
  }
  return pattern;
}

PresenceCounts Presence(const std::vector<Record>& records) {
  PresenceCounts presence(4);
  for (const Record& record : records) {
    std::uint32_t mask = 0;
    for (std::size_t k = 0; k < record.size(); ++k) {
      if (record[k] >= 0) mask |= 1U << k;
    }
    presence.Add(mask);
  }
  return presence;
}

TEST(BlockingTest, NonCandidatePatternsMatchEveryPairCompared) {
  SplitMix64 random(5);
  const std::vector<Record> police = RandomRecords(60, random);
  const std::vector<Record> housing = RandomRecords(45, random);
  PatternCounts candidates(4);
  PatternCounts expected(4);
  for (const Record& a : police) {
    for (const Record& b : housing) {
      const ComparisonPattern pattern = Compare(a, b);
      (IsCandidate(pattern) ? candidates : expected).Add(pattern);
    }
  }
  const auto derived = NonCandidatePatterns(Presence(police), Presence(housing), candidates);
  ASSERT_TRUE(derived.has_value()) << derived.error().message;
  EXPECT_DOUBLE_EQ(derived->Total(), expected.Total());
  EXPECT_DOUBLE_EQ(derived->Total() + candidates.Total(), 60.0 * 45.0);
  ASSERT_EQ(derived->size(), expected.size());
  for (const auto& [pattern, count] : expected.Sorted()) {
    EXPECT_DOUBLE_EQ(derived->Count(pattern), count) << pattern.ToString(4);
  }
}

TEST(BlockingTest, RefusesMoreCandidatesThanThePresenceCountsAllow) {
  PresenceCounts a(2);
  PresenceCounts b(2);
  a.Add(0b11, 2);
  b.Add(0b11, 1);
  PatternCounts candidates(2);
  candidates.Add(ComparisonPattern::Parse("AD").value(), 3);
  const auto derived = NonCandidatePatterns(a, b, candidates);
  ASSERT_FALSE(derived.has_value());
  EXPECT_EQ(derived.error().code, Code::kInvalidArgument);
  EXPECT_NE(derived.error().message.find("DD"), std::string::npos);
  EXPECT_FALSE(NonCandidatePatterns(PresenceCounts(3), b, candidates).has_value());
}

TEST(EmTest, RefusesInvalidInput) {
  const std::vector<KeyType> two = {{.name = "a"}, {.name = "b"}};
  TrainingPairs empty(2);
  EXPECT_EQ(FitEm(two, empty).error().code, Code::kInvalidArgument);  // no pairs

  TrainingPairs three_keys(3);
  three_keys.candidates.Add(ComparisonPattern::Parse("AAA").value());
  EXPECT_FALSE(FitEm(two, three_keys).has_value());

  TrainingPairs pairs(2);
  pairs.candidates.Add(ComparisonPattern::Parse("AD").value());
  EXPECT_FALSE(FitEm({{.name = "a"}, {.name = "a"}}, pairs).has_value());
  EXPECT_FALSE(FitEm({{.name = "a", .seed_m = 1.5}, {.name = "b"}}, pairs).has_value());
  pairs.non_candidate_scale = 0.0;
  EXPECT_FALSE(FitEm(two, pairs).has_value());
  pairs.non_candidate_scale = 1.0;

  EmOptions bad_tolerance;
  bad_tolerance.tolerance = 0.0;
  EXPECT_FALSE(FitEm(two, pairs, bad_tolerance).has_value());
  EmOptions no_iterations;
  no_iterations.max_iterations = 0;
  EXPECT_FALSE(FitEm(two, pairs, no_iterations).has_value());
  EmOptions bad_prior;
  bad_prior.seed_prior = 1.0;
  EXPECT_FALSE(FitEm(two, pairs, bad_prior).has_value());
  EXPECT_TRUE(FitEm(two, pairs).has_value());
}

}  // namespace
}  // namespace tandem::core::matching
