#include "core/eval/internal/ranks.h"

#include <algorithm>
#include <numeric>

namespace tandem::core::eval::internal {

MidRanking MidRanks(std::span<const double> values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  MidRanking out;
  out.ranks.assign(n, 0.0);
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && values[order[j]] == values[order[i]]) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i + 1 + j) / 2.
    const double mid = (static_cast<double>(i) + 1.0 + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) out.ranks[order[k]] = mid;
    if (j - i > 1) out.tie_sizes.push_back(j - i);
    i = j;
  }
  return out;
}

}  // namespace tandem::core::eval::internal
