// The two halves of one EM iteration over counted family outcomes, kept apart from the driver
// in em.cc so each can be read against the formulas in docs/scoring.md. Each family is a
// categorical comparison: per class, a distribution over its levels and disagree; a family
// missing from a pair is left out of that pair's likelihood.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tandem::core::matching::internal {

// One distinct combination of family outcomes and how many pairs showed it. outcomes[f] is the
// level index, the level count for disagree, or kMissingOutcome.
struct WeightedPattern {
  std::vector<std::uint8_t> outcomes;
  double count = 0.0;
};

struct FamilyDistributions {
  std::vector<double> m;  // per outcome (levels, then disagree), sums to 1
  std::vector<double> u;
};

struct EmParameters {
  std::vector<FamilyDistributions> families;
  double prior = 0.0;
};

// Expected counts gathered by the E-step: per family and outcome, the posterior-weighted
// number of pairs with that outcome, per class.
struct ExpectedCounts {
  explicit ExpectedCounts(const EmParameters& shape);
  std::vector<std::vector<double>> match;
  std::vector<std::vector<double>> nonmatch;
  double match_total = 0.0;
  double total = 0.0;
  double log_likelihood = 0.0;  // natural log, at the parameters the E-step used
};

// E-step: the posterior P(match | pattern) for every pattern under `params`, accumulated into
// expected counts, plus the observed-data log-likelihood. Works in log space throughout.
ExpectedCounts ExpectationStep(const std::vector<WeightedPattern>& patterns,
                               const EmParameters& params);

// M-step: the parameters that maximise the expected complete-data likelihood. Every m and u is
// kept at or above epsilon (then the distribution is renormalised); the prior within
// [prior_floor, 1 - prior_floor]. A family nobody compared in a class keeps its previous values.
EmParameters MaximisationStep(const ExpectedCounts& expected, const EmParameters& previous,
                              double epsilon, double prior_floor);

// The largest relative change between two parameter sets: max over every m, u and the prior
// (and one minus each) of |log(new) - log(old)|.
double LargestRelativeChange(const EmParameters& before, const EmParameters& after);

}  // namespace tandem::core::matching::internal
