#include "core/matching/em.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "core/matching/internal/em_steps.h"

namespace tandem::core::matching {
namespace {

using internal::EmParameters;
using internal::FamilyDistributions;
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

void AppendPatterns(const PatternCounts& counts, double scale, const FamilyLayout& layout,
                    std::map<std::vector<std::uint8_t>, double>& outcomes) {
  const std::size_t families = layout.keys_of_family.size();
  for (const auto& [pattern, count] : counts.Sorted()) {
    std::vector<std::uint8_t> row(families);
    for (std::size_t f = 0; f < families; ++f) row[f] = FamilyOutcome(layout, f, pattern);
    outcomes[row] += count * scale;
  }
}

// Starting distributions from the key seeds: the strongest level takes its key's seed m, the
// rest of the match mass is split between the weaker levels and disagree; each level takes its
// key's seed u and disagree the remainder.
FamilyDistributions SeedDistributions(const std::vector<KeyType>& key_types,
                                      const std::vector<std::size_t>& keys, double epsilon) {
  const std::size_t levels = keys.size();
  FamilyDistributions d{std::vector<double>(levels + 1), std::vector<double>(levels + 1)};
  d.m[0] = key_types[keys[0]].seed_m;
  const double rest = 1.0 - d.m[0];
  if (levels == 1) {
    d.m[1] = rest;
  } else {
    for (std::size_t l = 1; l < levels; ++l) d.m[l] = rest / 2.0 / static_cast<double>(levels - 1);
    d.m[levels] = rest / 2.0;
  }
  double agree_u = 0.0;
  for (std::size_t l = 0; l < levels; ++l) agree_u += key_types[keys[l]].seed_u;
  const double shrink = agree_u > 0.5 ? 0.5 / agree_u : 1.0;
  for (std::size_t l = 0; l < levels; ++l) d.u[l] = key_types[keys[l]].seed_u * shrink;
  d.u[levels] = 1.0 - agree_u * shrink;
  for (auto* distribution : {&d.m, &d.u}) {
    double sum = 0.0;
    for (double& p : *distribution) sum += (p = std::clamp(p, epsilon, 1.0 - epsilon));
    for (double& p : *distribution) p /= sum;
  }
  return d;
}

// The weighted share of pairs that the seed weights already call a match.
double EstimateSeedPrior(const std::vector<WeightedPattern>& patterns, const EmParameters& seeds) {
  double positive = 0.0;
  double total = 0.0;
  for (const WeightedPattern& pattern : patterns) {
    double weight = 0.0;
    for (std::size_t f = 0; f < seeds.families.size(); ++f) {
      const std::uint8_t outcome = pattern.outcomes[f];
      if (outcome == kMissingOutcome) continue;
      weight += std::log(seeds.families[f].m[outcome] / seeds.families[f].u[outcome]);
    }
    if (weight > 0.0) positive += pattern.count;
    total += pattern.count;
  }
  return std::clamp(positive / total, kLowestSeedPrior, kHighestSeedPrior);
}

// EM cannot tell which class is "match"; agreement must favour a match, so if the fit came
// out the other way round on balance (disagree likelier among "matches"), relabel the classes.
void OrientClasses(EmParameters& params) {
  double balance = 0.0;
  for (const FamilyDistributions& f : params.families) balance += f.u.back() - f.m.back();
  if (balance >= 0.0) return;
  for (FamilyDistributions& f : params.families) std::swap(f.m, f.u);
  params.prior = 1.0 - params.prior;
}

}  // namespace

Result<EmFit> FitEm(const std::vector<KeyType>& key_types, const TrainingPairs& pairs,
                    const EmOptions& options) {
  std::vector<std::string> names;
  names.reserve(key_types.size());
  for (const KeyType& key : key_types) names.push_back(key.name);
  auto families = GroupIntoFamilies(names, DefaultComparisonFamilies());
  if (!families) return tl::unexpected(families.error());
  return FitEm(key_types, *families, pairs, options);
}

Result<EmFit> FitEm(const std::vector<KeyType>& key_types,
                    const std::vector<ComparisonFamily>& families, const TrainingPairs& pairs,
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
  std::vector<std::string> names;
  names.reserve(key_types.size());
  for (const KeyType& key : key_types) names.push_back(key.name);
  auto layout = MakeFamilyLayout(names, families);
  if (!layout) return tl::unexpected(layout.error());

  std::map<std::vector<std::uint8_t>, double> outcomes;
  AppendPatterns(pairs.candidates, 1.0, *layout, outcomes);
  AppendPatterns(pairs.non_candidates, pairs.non_candidate_scale, *layout, outcomes);
  std::vector<WeightedPattern> patterns;
  patterns.reserve(outcomes.size());
  double total = 0.0;
  for (auto& [row, count] : outcomes) {
    patterns.push_back({row, count});
    total += count;
  }
  if (!(total > 0.0)) {
    return Fail(Code::kInvalidArgument, "no pairs to learn from: every pattern count is zero");
  }

  EmParameters params;
  for (const auto& keys : layout->keys_of_family) {
    params.families.push_back(SeedDistributions(key_types, keys, options.epsilon));
  }
  params.prior = std::clamp(options.seed_prior.value_or(EstimateSeedPrior(patterns, params)),
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

  std::vector<FamilyParameters> fitted;
  for (std::size_t f = 0; f < families.size(); ++f) {
    fitted.push_back({families[f], params.families[f].m, params.families[f].u});
  }
  Result<MatchModel> model =
      MatchModel::CreateWithFamilies(std::move(names), std::move(fitted), params.prior);
  if (!model) return tl::unexpected(model.error());
  return EmFit{.model = std::move(*model),
               .iterations = iterations,
               .converged = converged,
               .corrected_for_blocking = !pairs.non_candidates.empty(),
               .log_likelihood = std::move(trace)};
}

}  // namespace tandem::core::matching
