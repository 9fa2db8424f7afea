#include "core/matching/em.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/matching/internal/em_steps.h"

namespace tandem::core::matching {
namespace {

using internal::EmParameters;
using internal::WeightedPattern;

// Bounds for a starting prior estimated from the data.
constexpr double kLowestSeedPrior = 1e-6;
constexpr double kHighestSeedPrior = 0.5;

Status ValidateOptions(const EmOptions& options) {
  if (!(std::isfinite(options.tolerance) && options.tolerance > 0.0)) {
    return Fail(Code::kInvalidArgument, "EM tolerance must be a positive number");
  }
  if (options.max_iterations < 1) {
    return Fail(Code::kInvalidArgument, "EM needs at least one iteration");
  }
  if (!(options.epsilon > 0.0 && options.epsilon < 0.5)) {
    return Fail(Code::kInvalidArgument, "EM epsilon must be strictly between 0 and 0.5");
  }
  if (!(options.prior_floor > 0.0 && options.prior_floor < 0.5)) {
    return Fail(Code::kInvalidArgument, "EM prior floor must be strictly between 0 and 0.5");
  }
  if (options.seed_prior.has_value() && !(*options.seed_prior > 0.0 && *options.seed_prior < 1.0)) {
    return Fail(Code::kInvalidArgument, "EM seed prior must be strictly between 0 and 1");
  }
  return Ok();
}

void AppendPatterns(const PatternCounts& counts, double scale,
                    std::vector<WeightedPattern>& patterns) {
  for (const auto& [pattern, count] : counts.Sorted()) {
    patterns.push_back({pattern.AgreeMask(), pattern.ObservedMask(), count * scale});
  }
}

// The weighted share of pairs that the seed weights already call a match.
double EstimateSeedPrior(const std::vector<WeightedPattern>& patterns,
                         const std::vector<KeyType>& key_types) {
  double positive = 0.0;
  double total = 0.0;
  for (const WeightedPattern& pattern : patterns) {
    double weight = 0.0;
    for (std::size_t k = 0; k < key_types.size(); ++k) {
      const std::uint32_t bit = 1U << k;
      if ((pattern.observed_mask & bit) == 0) continue;
      const KeyType& key = key_types[k];
      weight += (pattern.agree_mask & bit) != 0 ? std::log(key.seed_m / key.seed_u)
                                                : std::log1p(-key.seed_m) - std::log1p(-key.seed_u);
    }
    if (weight > 0.0) positive += pattern.count;
    total += pattern.count;
  }
  return std::clamp(positive / total, kLowestSeedPrior, kHighestSeedPrior);
}

// EM cannot tell which class is "match"; agreement must favour a match, so if the fit came
// out the other way round on balance, relabel the classes.
void OrientClasses(EmParameters& params) {
  double balance = 0.0;
  for (const KeyParameters& key : params.keys) balance += key.m - key.u;
  if (balance >= 0.0) return;
  for (KeyParameters& key : params.keys) std::swap(key.m, key.u);
  params.prior = 1.0 - params.prior;
}

}  // namespace

Result<EmFit> FitEm(const std::vector<KeyType>& key_types, const TrainingPairs& pairs,
                    const EmOptions& options) {
  if (Status valid = ValidateKeyTypes(key_types); !valid) return tl::unexpected(valid.error());
  if (Status valid = ValidateOptions(options); !valid) return tl::unexpected(valid.error());
  if (pairs.candidates.key_count() != key_types.size() ||
      pairs.non_candidates.key_count() != key_types.size()) {
    return Fail(Code::kInvalidArgument,
                "pattern counts are for " + std::to_string(pairs.candidates.key_count()) +
                    " key types but the model has " + std::to_string(key_types.size()));
  }
  if (!(std::isfinite(pairs.non_candidate_scale) && pairs.non_candidate_scale > 0.0)) {
    return Fail(Code::kInvalidArgument, "the non-candidate scale must be a positive number");
  }

  std::vector<WeightedPattern> patterns;
  patterns.reserve(pairs.candidates.size() + pairs.non_candidates.size());
  AppendPatterns(pairs.candidates, 1.0, patterns);
  AppendPatterns(pairs.non_candidates, pairs.non_candidate_scale, patterns);
  double total = 0.0;
  for (const WeightedPattern& pattern : patterns) total += pattern.count;
  if (!(total > 0.0)) {
    return Fail(Code::kInvalidArgument, "no pairs to learn from: every pattern count is zero");
  }

  EmParameters params;
  for (const KeyType& key : key_types) {
    params.keys.push_back({std::clamp(key.seed_m, options.epsilon, 1.0 - options.epsilon),
                           std::clamp(key.seed_u, options.epsilon, 1.0 - options.epsilon)});
  }
  params.prior = std::clamp(options.seed_prior.value_or(EstimateSeedPrior(patterns, key_types)),
                            options.prior_floor, 1.0 - options.prior_floor);

  std::vector<double> trace;
  internal::ExpectedCounts expected = internal::ExpectationStep(patterns, params);
  trace.push_back(expected.log_likelihood);
  int iterations = 0;
  bool converged = false;
  while (iterations < options.max_iterations && !converged) {
    EmParameters next =
        internal::MaximisationStep(expected, params, options.epsilon, options.prior_floor);
    expected = internal::ExpectationStep(patterns, next);
    trace.push_back(expected.log_likelihood);
    ++iterations;
    converged = internal::LargestRelativeChange(params, next) <= options.tolerance;
    params = std::move(next);
  }
  OrientClasses(params);

  std::vector<std::string> names;
  names.reserve(key_types.size());
  for (const KeyType& key : key_types) names.push_back(key.name);
  Result<MatchModel> model = MatchModel::Create(std::move(names), params.keys, params.prior);
  if (!model) return tl::unexpected(model.error());
  return EmFit{.model = std::move(*model),
               .iterations = iterations,
               .converged = converged,
               .corrected_for_blocking = !pairs.non_candidates.empty(),
               .log_likelihood = std::move(trace)};
}

}  // namespace tandem::core::matching
