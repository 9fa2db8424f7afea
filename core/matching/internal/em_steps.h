// The two halves of one EM iteration over counted patterns, kept apart from the driver in
// em.cc so each can be read against the formulas in docs/scoring.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matching/fellegi_sunter.h"

namespace tandem::core::matching::internal {

// One distinct pattern as EM needs it: which keys agreed, which were compared, how many pairs.
struct WeightedPattern {
  std::uint32_t agree_mask = 0;
  std::uint32_t observed_mask = 0;
  double count = 0.0;
};

struct EmParameters {
  std::vector<KeyParameters> keys;
  double prior = 0.0;
};

// Expected counts gathered by the E-step: for each key, the posterior-weighted number of
// pairs that compared it and that agreed on it, per class.
struct ExpectedCounts {
  explicit ExpectedCounts(std::size_t key_count)
      : match_observed(key_count, 0.0),
        match_agree(key_count, 0.0),
        nonmatch_observed(key_count, 0.0),
        nonmatch_agree(key_count, 0.0) {}
  std::vector<double> match_observed;
  std::vector<double> match_agree;
  std::vector<double> nonmatch_observed;
  std::vector<double> nonmatch_agree;
  double match_total = 0.0;
  double total = 0.0;
  double log_likelihood = 0.0;  // natural log, at the parameters the E-step used
};

// E-step: the posterior P(match | pattern) for every pattern under `params`, accumulated into
// expected counts, plus the observed-data log-likelihood. Works in log space throughout.
ExpectedCounts ExpectationStep(const std::vector<WeightedPattern>& patterns,
                               const EmParameters& params);

// M-step: the parameters that maximise the expected complete-data likelihood, clamped into
// [epsilon, 1 - epsilon] (m, u) and [prior_floor, 1 - prior_floor] (prior). A key nobody
// compared in a class keeps its previous value.
EmParameters MaximisationStep(const ExpectedCounts& expected, const EmParameters& previous,
                              double epsilon, double prior_floor);

// The largest relative change between two parameter sets: max over every m, u and the prior
// (and one minus each) of |log(new) - log(old)|.
double LargestRelativeChange(const EmParameters& before, const EmParameters& after);

}  // namespace tandem::core::matching::internal
