// Sample quantiles for the report (median and interquartile range of days to a decision).
// Definition: Hyndman & Fan type 7, linear interpolation between order statistics
// (q(p) = x[floor(h)] + (h - floor(h)) (x[floor(h)+1] - x[floor(h)]), h = (n - 1) p, 0-based),
// the default of R's quantile() and numpy's percentile(). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>

namespace tandem::core::eval {

struct Quartiles {
  double q1 = 0.0;
  double median = 0.0;
  double q3 = 0.0;
  double Iqr() const { return q3 - q1; }
};

// The p-quantile (0 <= p <= 1) of `values`; nullopt when `values` is empty or p is out of range.
std::optional<double> Quantile(std::span<const double> values, double p);

// q1, median and q3; nullopt when `values` is empty.
std::optional<Quartiles> QuartilesOf(std::span<const double> values);

}  // namespace tandem::core::eval
