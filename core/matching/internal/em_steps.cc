#include "core/matching/internal/em_steps.h"

#include <algorithm>
#include <cmath>

namespace tandem::core::matching::internal {
namespace {

// Below this, an expected count is treated as "nobody compared this key in this class".
constexpr double kNegligibleMass = 1e-300;

// Log-probability of a pattern in one class, given per-key log m (or u) and log(1 - m).
double ClassLogLikelihood(const WeightedPattern& pattern, const std::vector<double>& log_agree,
                          const std::vector<double>& log_disagree) {
  double sum = 0.0;
  for (std::size_t k = 0; k < log_agree.size(); ++k) {
    const std::uint32_t bit = 1U << k;
    if ((pattern.observed_mask & bit) == 0) continue;  // missing: not in the likelihood
    sum += (pattern.agree_mask & bit) != 0 ? log_agree[k] : log_disagree[k];
  }
  return sum;
}

double ClampInto(double value, double low) { return std::clamp(value, low, 1.0 - low); }

double LogChange(double before, double after) {
  return std::max(std::fabs(std::log(after) - std::log(before)),
                  std::fabs(std::log1p(-after) - std::log1p(-before)));
}

}  // namespace

ExpectedCounts ExpectationStep(const std::vector<WeightedPattern>& patterns,
                               const EmParameters& params) {
  const std::size_t key_count = params.keys.size();
  std::vector<double> log_m(key_count);
  std::vector<double> log_not_m(key_count);
  std::vector<double> log_u(key_count);
  std::vector<double> log_not_u(key_count);
  for (std::size_t k = 0; k < key_count; ++k) {
    log_m[k] = std::log(params.keys[k].m);
    log_not_m[k] = std::log1p(-params.keys[k].m);
    log_u[k] = std::log(params.keys[k].u);
    log_not_u[k] = std::log1p(-params.keys[k].u);
  }
  const double log_prior = std::log(params.prior);
  const double log_not_prior = std::log1p(-params.prior);

  ExpectedCounts expected(key_count);
  for (const WeightedPattern& pattern : patterns) {
    const double joint_match = log_prior + ClassLogLikelihood(pattern, log_m, log_not_m);
    const double joint_nonmatch = log_not_prior + ClassLogLikelihood(pattern, log_u, log_not_u);
    const double high = std::max(joint_match, joint_nonmatch);
    const double log_total =
        high + std::log1p(std::exp(std::min(joint_match, joint_nonmatch) - high));
    const double match_weight = pattern.count * std::exp(joint_match - log_total);
    const double nonmatch_weight = pattern.count * std::exp(joint_nonmatch - log_total);

    expected.log_likelihood += pattern.count * log_total;
    expected.match_total += match_weight;
    expected.total += pattern.count;
    for (std::size_t k = 0; k < key_count; ++k) {
      const std::uint32_t bit = 1U << k;
      if ((pattern.observed_mask & bit) == 0) continue;
      expected.match_observed[k] += match_weight;
      expected.nonmatch_observed[k] += nonmatch_weight;
      if ((pattern.agree_mask & bit) != 0) {
        expected.match_agree[k] += match_weight;
        expected.nonmatch_agree[k] += nonmatch_weight;
      }
    }
  }
  return expected;
}

EmParameters MaximisationStep(const ExpectedCounts& expected, const EmParameters& previous,
                              double epsilon, double prior_floor) {
  EmParameters next = previous;
  for (std::size_t k = 0; k < next.keys.size(); ++k) {
    if (expected.match_observed[k] > kNegligibleMass) {
      next.keys[k].m = ClampInto(expected.match_agree[k] / expected.match_observed[k], epsilon);
    }
    if (expected.nonmatch_observed[k] > kNegligibleMass) {
      next.keys[k].u =
          ClampInto(expected.nonmatch_agree[k] / expected.nonmatch_observed[k], epsilon);
    }
  }
  if (expected.total > kNegligibleMass) {
    next.prior = ClampInto(expected.match_total / expected.total, prior_floor);
  }
  return next;
}

double LargestRelativeChange(const EmParameters& before, const EmParameters& after) {
  double largest = LogChange(before.prior, after.prior);
  for (std::size_t k = 0; k < before.keys.size(); ++k) {
    largest = std::max(largest, LogChange(before.keys[k].m, after.keys[k].m));
    largest = std::max(largest, LogChange(before.keys[k].u, after.keys[k].u));
  }
  return largest;
}

}  // namespace tandem::core::matching::internal
