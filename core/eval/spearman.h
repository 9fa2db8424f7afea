// Spearman's rank correlation with its two-sided p-value, e.g. between a ranking and the harm
// each ranked person caused in the next window. Conventions (docs/evaluation.md, "Spearman"):
//   - both variables get mid-ranks (ties share the mean of their ranks); rho is the Pearson
//     correlation of the mid-ranks, so it is correct with ties (the 1 - 6 sum d^2 / (n^3 - n)
//     shortcut is not used);
//   - exact p-value for n <= `exact_max_n` (default 10): every distinct arrangement of the
//     y mid-ranks against the x mid-ranks is enumerated (10! = 3,628,800 at most), so ties are
//     handled exactly; p = min(1, 2 min(P(rho* <= rho), P(rho* >= rho)));
//   - otherwise the t approximation: t = rho sqrt((n - 2) / (1 - rho^2)) with n - 2 degrees of
//     freedom, p = P(|T| >= |t|) by the regularized incomplete beta function (p = 0 when
//     |rho| = 1).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "core/eval/wilcoxon.h"  // PValueMethod
#include "core/result.h"

namespace tandem::core::eval {

struct SpearmanOptions {
  std::size_t exact_max_n = 10;  // at most 10: enumeration grows as n!
};

struct SpearmanResult {
  std::size_t n = 0;
  double rho = 0.0;
  bool ties = false;     // either variable had tied values
  double p_value = 1.0;  // two-sided
  PValueMethod method = PValueMethod::kStudentT;
};

// Success: rho and its p-value. kInvalidArgument when the spans differ in length, when n < 3,
// when a value is not finite, or when either variable is constant (rho is undefined), or when
// exact_max_n exceeds 10.
Result<SpearmanResult> Spearman(std::span<const double> x, std::span<const double> y,
                                const SpearmanOptions& options = {});

}  // namespace tandem::core::eval
