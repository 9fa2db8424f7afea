// The Wilcoxon signed-rank test on paired values, e.g. each person's CCHI harm before and after
// adoption. Conventions (docs/evaluation.md, "Wilcoxon signed-rank"):
//   - differences are after - before; zero differences are dropped before ranking (Wilcoxon's
//     original convention, the default of R's wilcox.test and of scipy's zero_method="wilcox");
//   - absolute differences get mid-ranks, so tied differences share the mean of their ranks;
//   - W+ is the sum of the ranks of the positive differences, W- of the negative ones;
//   - exact p-value when at most `exact_max_n` non-zero differences remain (default 50): the
//     null distribution of W+ is enumerated over all 2^n sign patterns of the mid-ranks by
//     dynamic programming on doubled ranks, so ties are handled exactly, not approximated;
//   - otherwise the normal approximation, with the variance reduced for ties
//     (n(n+1)(2n+1)/24 - sum(t^3 - t)/48) and a continuity correction of 0.5 towards the mean;
//   - two-sided p = min(1, 2 min(P(W+ <= w), P(W+ >= w))) in the exact case, 2 P(Z >= |z|)
//     in the normal case.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "core/result.h"

namespace tandem::core::eval {

enum class PValueMethod {
  kExact,     // enumerated null distribution
  kNormal,    // normal approximation (Wilcoxon) with tie and continuity correction
  kStudentT,  // t approximation with n - 2 degrees of freedom (Spearman)
};

// "exact", "normal", "t".
std::string_view PValueMethodName(PValueMethod method);

struct WilcoxonOptions {
  // Largest number of non-zero differences for which the exact distribution is used. The DP
  // costs O(n^3) small steps, so 50 is fast; counts stay exact in 64 bits up to n = 62.
  std::size_t exact_max_n = 50;
  bool continuity_correction = true;  // only affects the normal approximation
};

struct WilcoxonResult {
  std::size_t pairs = 0;         // pairs given
  std::size_t zero_dropped = 0;  // pairs with after == before, left out
  std::size_t n = 0;             // non-zero differences ranked = pairs - zero_dropped
  bool ties = false;             // some absolute differences were tied (mid-ranks used)
  double w_plus = 0.0;           // sum of ranks of positive differences (after > before)
  double w_minus = 0.0;          // sum of ranks of negative differences (after < before)
  // The normal score of W+ (with the corrections above), negative when harm fell. Reported in
  // both methods, as evaluations quote it ("z = -0.51, p = 0.61").
  double z = 0.0;
  double p_value = 1.0;  // two-sided
  PValueMethod method = PValueMethod::kExact;
};

// Success: the statistics above. kInvalidArgument when the spans differ in length, when a value
// is not finite, or when no non-zero difference is left (the message says which).
Result<WilcoxonResult> WilcoxonSignedRank(std::span<const double> before,
                                          std::span<const double> after,
                                          const WilcoxonOptions& options = {});

}  // namespace tandem::core::eval
