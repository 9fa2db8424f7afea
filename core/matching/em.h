// Estimating m, u and the match prior by expectation–maximisation over counted comparison
// patterns: Fellegi–Sunter with comparisons that have levels (core/matching/comparison_families.h),
// conditionally independent between families, not between the keys of one family; a family
// missing from a pair is left out of that pair's likelihood. Each per-key pattern is mapped to
// its family outcomes first, and EM runs over distinct outcome combinations, not pairs, so
// millions of pairs cost a few thousand terms per iteration. docs/scoring.md has the derivation
// and how the bias of blocked candidate pairs is removed.
//
// FitEm is a pure function: thread-safe, owns nothing after it returns.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/matching/comparison.h"
#include "core/matching/comparison_families.h"
#include "core/matching/fellegi_sunter.h"
#include "core/result.h"

namespace tandem::core::matching {

struct EmOptions {
  // Stop when no m_k, u_k or prior (nor one minus any of them) changes by more than this
  // relative amount in one iteration. Relative, because u and the prior are often ~1e-6.
  double tolerance = 1e-7;
  // Stop after this many iterations even if not converged (EmFit::converged says which).
  int max_iterations = 1000;
  // m and u are kept within [epsilon, 1 - epsilon], so no weight is infinite.
  double epsilon = 1e-6;
  // The prior is kept within [prior_floor, 1 - prior_floor].
  double prior_floor = 1e-12;
  // Starting prior; when unset, the weighted share of pairs whose seed weight is positive
  // (kept within [1e-6, 0.5]).
  std::optional<double> seed_prior;
};

// The pairs EM learns from. Candidate pairs (those blocking found, i.e. sharing at least one
// token) over-represent agreement; the non-candidate pairs (sharing none) restore the
// population so that u and the prior describe all cross-agency pairs:
//   population = candidates + non_candidate_scale * non_candidates.
// non_candidates is either exact (NonCandidatePatterns in blocking.h, scale 1) or a uniform
// random sample of non-candidate pairs with scale = (number of non-candidate pairs) /
// (sample size). When non_candidates is empty the fit describes the candidate set only and
// EmFit::corrected_for_blocking is false: right only when `candidates` holds every pair.
struct TrainingPairs {
  explicit TrainingPairs(std::size_t key_count)
      : candidates(key_count), non_candidates(key_count) {}
  PatternCounts candidates;
  PatternCounts non_candidates;
  double non_candidate_scale = 1.0;
};

struct EmFit {
  MatchModel model;                     // the fitted m, u per family level and prior
  int iterations = 0;                   // EM iterations run
  bool converged = false;               // true when the tolerance was met before the cap
  bool corrected_for_blocking = false;  // false when non-candidate pairs were not given
  // Observed-data log-likelihood (natural log, up to a constant that does not depend on the
  // parameters): [0] at the seeds, [i] after iteration i. Never decreases, up to rounding and an
  // error of order epsilon where the floor binds (docs/scoring.md).
  std::vector<double> log_likelihood;
};

// Fits the model over `families` (which must place every key of `key_types` exactly once) by
// EM. Starting values come from the key types' seeds (a family's strongest level starts at its
// key's seed m, every level at its key's seed u) and options.seed_prior; they only start EM.
// Errors (kInvalidArgument): key types invalid (ValidateKeyTypes); families that do not fit
// them (MakeFamilyLayout); pattern counts for a different number of key types; options out of
// range; no pairs at all; scale not positive. If EM ends with the two classes the wrong way
// round (agreement less likely among matches on balance), they are swapped so that agreement
// always favours a match.
Result<EmFit> FitEm(const std::vector<KeyType>& key_types,
                    const std::vector<ComparisonFamily>& families, const TrainingPairs& pairs,
                    const EmOptions& options = {});

// FitEm over GroupIntoFamilies(key names, DefaultComparisonFamilies()): the partnership's
// families, and any key they do not name in a family of its own.
Result<EmFit> FitEm(const std::vector<KeyType>& key_types, const TrainingPairs& pairs,
                    const EmOptions& options = {});

}  // namespace tandem::core::matching
