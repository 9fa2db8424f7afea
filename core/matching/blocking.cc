#include "core/matching/blocking.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "core/check.h"

namespace tandem::core::matching {
namespace {

// The pattern of a pair that compared the keys in `observed` and agreed on none of them.
ComparisonPattern AllDisagree(std::uint32_t observed, std::size_t key_count) {
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < key_count; ++k) {
    if ((observed >> k) & 1U) pattern.Set(k, Agreement::kDisagree);
  }
  return pattern;
}

// Counts within this share of all pairs are rounding noise left by subtracting doubles.
constexpr double kRelativeRoundingSlack = 1e-12;

}  // namespace

PresenceCounts::PresenceCounts(std::size_t key_count) : key_count_(key_count) {
  TANDEM_CHECK(key_count >= 1 && key_count <= kMaxKeyTypes);
}

void PresenceCounts::Add(std::uint32_t present_mask, double count) {
  TANDEM_CHECK((present_mask >> key_count_) == 0);
  TANDEM_CHECK(std::isfinite(count) && count >= 0.0);
  if (count == 0.0) return;
  counts_[present_mask] += count;
}

Result<PatternCounts> NonCandidatePatterns(const PresenceCounts& a, const PresenceCounts& b,
                                           const PatternCounts& candidates) {
  const std::size_t key_count = candidates.key_count();
  if (a.key_count() != key_count || b.key_count() != key_count) {
    return Fail(Code::kInvalidArgument,
                "presence counts and candidate patterns are for different numbers of key types");
  }
  std::unordered_map<std::uint32_t, double> pairs_by_observed;
  double all_pairs = 0.0;
  for (const auto& [mask_a, count_a] : a.counts()) {
    for (const auto& [mask_b, count_b] : b.counts()) {
      pairs_by_observed[mask_a & mask_b] += count_a * count_b;
      all_pairs += count_a * count_b;
    }
  }
  const double slack = std::max(1e-6, all_pairs * kRelativeRoundingSlack);
  for (const auto& [pattern, count] : candidates.Sorted()) {
    pairs_by_observed[pattern.ObservedMask()] -= count;
  }
  PatternCounts non_candidates(key_count);
  for (const auto& [observed, count] : pairs_by_observed) {
    const ComparisonPattern pattern = AllDisagree(observed, key_count);
    if (count < -slack) {
      return Fail(Code::kInvalidArgument,
                  "more candidate pairs compare the keys marked D in " +
                      pattern.ToString(key_count) +
                      " than the presence counts allow: the candidates and presence counts must "
                      "describe the same two record sets");
    }
    if (count > slack) non_candidates.Add(pattern, count);
  }
  return non_candidates;
}

}  // namespace tandem::core::matching
