#include "core/eval/spearman.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/eval/internal/distributions.h"
#include "core/eval/internal/ranks.h"

namespace tandem::core::eval {
namespace {

constexpr std::size_t kLargestExactN = 10;

double PearsonOfRanks(const std::vector<double>& a, const std::vector<double>& b) {
  const auto n = static_cast<double>(a.size());
  double mean_a = 0.0;
  double mean_b = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    mean_a += a[i];
    mean_b += b[i];
  }
  mean_a /= n;
  mean_b /= n;
  double sab = 0.0;
  double saa = 0.0;
  double sbb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - mean_a) * (b[i] - mean_b);
    saa += (a[i] - mean_a) * (a[i] - mean_a);
    sbb += (b[i] - mean_b) * (b[i] - mean_b);
  }
  return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

// With both rank vectors fixed as multisets, rho is an increasing function of
// S = sum (2 rx_i)(2 ry_i), an integer; so the permutation distribution is enumerated on S
// without rounding. std::next_permutation over the sorted multiset visits each distinct
// arrangement once, and every distinct arrangement stands for the same number of
// permutations (the product of the tie-group factorials), so counting arrangements is exact.
double ExactPermutationP(const std::vector<double>& rx, const std::vector<double>& ry) {
  std::vector<std::int64_t> x2;
  std::vector<std::int64_t> y2;
  x2.reserve(rx.size());
  y2.reserve(ry.size());
  for (double r : rx) x2.push_back(std::llround(2.0 * r));
  for (double r : ry) y2.push_back(std::llround(2.0 * r));
  std::int64_t observed = 0;
  for (std::size_t i = 0; i < x2.size(); ++i) observed += x2[i] * y2[i];
  std::sort(y2.begin(), y2.end());
  std::uint64_t total = 0;
  std::uint64_t lower = 0;
  std::uint64_t upper = 0;
  do {
    std::int64_t s = 0;
    for (std::size_t i = 0; i < x2.size(); ++i) s += x2[i] * y2[i];
    ++total;
    if (s <= observed) ++lower;
    if (s >= observed) ++upper;
  } while (std::next_permutation(y2.begin(), y2.end()));
  const auto t = static_cast<double>(total);
  return std::min(1.0,
                  2.0 * std::min(static_cast<double>(lower) / t, static_cast<double>(upper) / t));
}

}  // namespace

Result<SpearmanResult> Spearman(std::span<const double> x, std::span<const double> y,
                                const SpearmanOptions& options) {
  if (x.size() != y.size()) {
    return Fail(Code::kInvalidArgument,
                "Spearman correlation needs paired values: " + std::to_string(x.size()) + " x, " +
                    std::to_string(y.size()) + " y");
  }
  if (x.size() < 3) {
    return Fail(Code::kInvalidArgument,
                "Spearman correlation needs at least 3 pairs, got " + std::to_string(x.size()));
  }
  if (options.exact_max_n > kLargestExactN) {
    return Fail(Code::kInvalidArgument,
                "Spearman exact_max_n is at most 10 (enumeration grows as n!), got " +
                    std::to_string(options.exact_max_n));
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      return Fail(Code::kInvalidArgument, "Spearman correlation: pair " + std::to_string(i + 1) +
                                              " is not a finite number");
    }
  }
  const internal::MidRanking rx = internal::MidRanks(x);
  const internal::MidRanking ry = internal::MidRanks(y);
  const auto constant = [&](const internal::MidRanking& r) {
    return r.tie_sizes.size() == 1 && r.tie_sizes[0] == x.size();
  };
  if (constant(rx) || constant(ry)) {
    return Fail(Code::kInvalidArgument, std::string("Spearman correlation is undefined: every ") +
                                            (constant(rx) ? "x" : "y") + " value is the same");
  }
  SpearmanResult out;
  out.n = x.size();
  out.ties = !rx.tie_sizes.empty() || !ry.tie_sizes.empty();
  out.rho = PearsonOfRanks(rx.ranks, ry.ranks);
  if (out.n <= options.exact_max_n) {
    out.method = PValueMethod::kExact;
    out.p_value = ExactPermutationP(rx.ranks, ry.ranks);
    return out;
  }
  out.method = PValueMethod::kStudentT;
  const double df = static_cast<double>(out.n) - 2.0;
  if (std::fabs(out.rho) >= 1.0) {
    out.p_value = 0.0;
    return out;
  }
  const double t = out.rho * std::sqrt(df / (1.0 - out.rho * out.rho));
  out.p_value = internal::StudentTTwoSided(t, df);
  return out;
}

}  // namespace tandem::core::eval
