#include "node/eval/disclosed.h"

#include <cmath>

namespace tandem::node::eval {
namespace {

std::int64_t RoundToBase(std::int64_t n, std::int64_t base) {
  if (base <= 1) return n;
  return ((n + base / 2) / base) * base;
}

double Round4(double value) { return std::round(value * 10000.0) / 10000.0; }

}  // namespace

bool CountPublishable(std::int64_t n, const core::eval::SmallCellRule& rule) {
  if (n == 0) return !rule.suppress_zeros;
  return n >= rule.threshold;
}

nlohmann::json DiscloseCount(std::int64_t n, const core::eval::SmallCellRule& rule) {
  if (!CountPublishable(n, rule)) return kSuppressed;
  return RoundToBase(n, rule.rounding_base);
}

nlohmann::json DiscloseShare(std::int64_t numerator, std::int64_t denominator,
                             const core::eval::SmallCellRule& rule) {
  if (denominator <= 0 || !CountPublishable(numerator, rule) ||
      !CountPublishable(denominator, rule) || denominator - numerator < 0 ||
      !CountPublishable(denominator - numerator, rule)) {
    return nullptr;
  }
  return Round4(static_cast<double>(numerator) / static_cast<double>(denominator));
}

nlohmann::json DiscloseStatistic(std::optional<double> value, std::int64_t people,
                                 const core::eval::SmallCellRule& rule) {
  if (!value || !std::isfinite(*value) || people < 1 || people < rule.threshold) return nullptr;
  return Round4(*value);
}

nlohmann::json DiscloseCell(const core::eval::PublishedCell& cell) {
  if (cell.Suppressed()) return kSuppressed;
  return cell.value;
}

}  // namespace tandem::node::eval
