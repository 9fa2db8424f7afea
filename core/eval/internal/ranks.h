// Mid-ranks (average ranks for ties), shared by the Wilcoxon and Spearman statistics.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tandem::core::eval::internal {

struct MidRanking {
  // ranks[i] is the 1-based rank of values[i]; tied values share the mean of their ranks.
  std::vector<double> ranks;
  // The size of every group of tied values of size two or more, in ascending value order.
  std::vector<std::size_t> tie_sizes;
};

// Ranks `values` in ascending order. Precondition: no NaN (callers check their input).
MidRanking MidRanks(std::span<const double> values);

}  // namespace tandem::core::eval::internal
