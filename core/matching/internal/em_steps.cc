#include "core/matching/internal/em_steps.h"

#include <algorithm>
#include <cmath>

#include "core/matching/comparison_families.h"

namespace tandem::core::matching::internal {
namespace {

// Below this, an expected count is treated as "nobody compared this family in this class".
constexpr double kNegligibleMass = 1e-300;

double ClampInto(double value, double low) { return std::clamp(value, low, 1.0 - low); }

double LogChange(double before, double after) {
  return std::max(std::fabs(std::log(after) - std::log(before)),
                  std::fabs(std::log1p(-after) - std::log1p(-before)));
}

std::vector<std::vector<double>> Logs(const EmParameters& params, bool match) {
  std::vector<std::vector<double>> logs;
  logs.reserve(params.families.size());
  for (const FamilyDistributions& f : params.families) {
    std::vector<double> row;
    for (double p : match ? f.m : f.u) row.push_back(std::log(p));
    logs.push_back(std::move(row));
  }
  return logs;
}

double ClassLogLikelihood(const WeightedPattern& pattern,
                          const std::vector<std::vector<double>>& logs) {
  double sum = 0.0;
  for (std::size_t f = 0; f < logs.size(); ++f) {
    const std::uint8_t outcome = pattern.outcomes[f];
    if (outcome == kMissingOutcome) continue;  // missing: not in the likelihood
    sum += logs[f][outcome];
  }
  return sum;
}

// The expected shares, floored at epsilon and renormalised; nullopt-like: unchanged when the
// class never compared the family.
void Normalise(const std::vector<double>& counts, double epsilon, std::vector<double>& out) {
  double total = 0.0;
  for (double c : counts) total += c;
  if (total <= kNegligibleMass) return;
  double sum = 0.0;
  for (std::size_t o = 0; o < counts.size(); ++o) {
    out[o] = std::max(counts[o] / total, epsilon);
    sum += out[o];
  }
  for (double& p : out) p = ClampInto(p / sum, epsilon);
}

}  // namespace

ExpectedCounts::ExpectedCounts(const EmParameters& shape) {
  for (const FamilyDistributions& f : shape.families) {
    match.emplace_back(f.m.size(), 0.0);
    nonmatch.emplace_back(f.u.size(), 0.0);
  }
}

ExpectedCounts ExpectationStep(const std::vector<WeightedPattern>& patterns,
                               const EmParameters& params) {
  const auto log_m = Logs(params, true);
  const auto log_u = Logs(params, false);
  const double log_prior = std::log(params.prior);
  const double log_not_prior = std::log1p(-params.prior);

  ExpectedCounts expected(params);
  for (const WeightedPattern& pattern : patterns) {
    const double joint_match = log_prior + ClassLogLikelihood(pattern, log_m);
    const double joint_nonmatch = log_not_prior + ClassLogLikelihood(pattern, log_u);
    const double high = std::max(joint_match, joint_nonmatch);
    const double log_total =
        high + std::log1p(std::exp(std::min(joint_match, joint_nonmatch) - high));
    const double match_weight = pattern.count * std::exp(joint_match - log_total);
    const double nonmatch_weight = pattern.count * std::exp(joint_nonmatch - log_total);

    expected.log_likelihood += pattern.count * log_total;
    expected.match_total += match_weight;
    expected.total += pattern.count;
    for (std::size_t f = 0; f < params.families.size(); ++f) {
      const std::uint8_t outcome = pattern.outcomes[f];
      if (outcome == kMissingOutcome) continue;
      expected.match[f][outcome] += match_weight;
      expected.nonmatch[f][outcome] += nonmatch_weight;
    }
  }
  return expected;
}

EmParameters MaximisationStep(const ExpectedCounts& expected, const EmParameters& previous,
                              double epsilon, double prior_floor) {
  EmParameters next = previous;
  for (std::size_t f = 0; f < next.families.size(); ++f) {
    Normalise(expected.match[f], epsilon, next.families[f].m);
    Normalise(expected.nonmatch[f], epsilon, next.families[f].u);
  }
  if (expected.total > kNegligibleMass) {
    next.prior = ClampInto(expected.match_total / expected.total, prior_floor);
  }
  return next;
}

double LargestRelativeChange(const EmParameters& before, const EmParameters& after) {
  double largest = LogChange(before.prior, after.prior);
  for (std::size_t f = 0; f < before.families.size(); ++f) {
    for (std::size_t o = 0; o < before.families[f].m.size(); ++o) {
      largest = std::max(largest, LogChange(before.families[f].m[o], after.families[f].m[o]));
      largest = std::max(largest, LogChange(before.families[f].u[o], after.families[f].u[o]));
    }
  }
  return largest;
}

}  // namespace tandem::core::matching::internal
