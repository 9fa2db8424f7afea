#include "core/eval/quantiles.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tandem::core::eval {
namespace {

double SortedQuantile(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

std::optional<double> Quantile(std::span<const double> values, double p) {
  if (values.empty() || !(p >= 0.0 && p <= 1.0)) return std::nullopt;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return SortedQuantile(sorted, p);
}

std::optional<Quartiles> QuartilesOf(std::span<const double> values) {
  if (values.empty()) return std::nullopt;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return Quartiles{SortedQuantile(sorted, 0.25), SortedQuantile(sorted, 0.5),
                   SortedQuantile(sorted, 0.75)};
}

}  // namespace tandem::core::eval
