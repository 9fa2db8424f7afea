#include "core/eval/wilcoxon.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/check.h"
#include "core/eval/internal/distributions.h"
#include "core/eval/internal/ranks.h"

namespace tandem::core::eval {
namespace {

constexpr std::size_t kMaxExactN = 62;  // 2^n sign patterns must fit a uint64 count

// P(W+ <= w) and P(W+ >= w) under the null, from the doubled mid-ranks (integers).
struct ExactTails {
  double lower = 1.0;
  double upper = 1.0;
};

ExactTails ExactTailProbabilities(const std::vector<std::int64_t>& doubled_ranks,
                                  std::int64_t doubled_w_plus) {
  std::int64_t total = 0;
  for (std::int64_t r : doubled_ranks) total += r;
  // counts[s] = number of sign patterns whose doubled W+ is s.
  std::vector<std::uint64_t> counts(static_cast<std::size_t>(total) + 1, 0);
  counts[0] = 1;
  std::int64_t reach = 0;
  for (std::int64_t r : doubled_ranks) {
    reach += r;
    for (std::int64_t s = reach; s >= r; --s) {
      counts[static_cast<std::size_t>(s)] += counts[static_cast<std::size_t>(s - r)];
    }
  }
  std::uint64_t lower = 0;
  std::uint64_t upper = 0;
  for (std::int64_t s = 0; s <= total; ++s) {
    const std::uint64_t c = counts[static_cast<std::size_t>(s)];
    if (s <= doubled_w_plus) lower += c;
    if (s >= doubled_w_plus) upper += c;
  }
  const double patterns = std::ldexp(1.0, static_cast<int>(doubled_ranks.size()));
  return {static_cast<double>(lower) / patterns, static_cast<double>(upper) / patterns};
}

}  // namespace

std::string_view PValueMethodName(PValueMethod method) {
  static constexpr std::array<std::string_view, 3> kNames = {"exact", "normal", "t"};
  return kNames[static_cast<std::size_t>(method)];
}

Result<WilcoxonResult> WilcoxonSignedRank(std::span<const double> before,
                                          std::span<const double> after,
                                          const WilcoxonOptions& options) {
  if (before.size() != after.size()) {
    return Fail(Code::kInvalidArgument,
                "Wilcoxon signed-rank needs paired values: " + std::to_string(before.size()) +
                    " before, " + std::to_string(after.size()) + " after");
  }
  WilcoxonResult out;
  out.pairs = before.size();
  std::vector<double> magnitudes;
  std::vector<bool> positive;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (!std::isfinite(before[i]) || !std::isfinite(after[i])) {
      return Fail(Code::kInvalidArgument, "Wilcoxon signed-rank: pair " + std::to_string(i + 1) +
                                              " is not a finite number");
    }
    const double d = after[i] - before[i];
    if (d == 0.0) {
      ++out.zero_dropped;
      continue;
    }
    magnitudes.push_back(std::fabs(d));
    positive.push_back(d > 0.0);
  }
  out.n = magnitudes.size();
  if (out.n == 0) {
    return Fail(Code::kInvalidArgument,
                "Wilcoxon signed-rank: every one of the " + std::to_string(out.pairs) +
                    " pairs has a zero difference, so there is nothing to test");
  }
  const internal::MidRanking ranking = internal::MidRanks(magnitudes);
  out.ties = !ranking.tie_sizes.empty();
  for (std::size_t i = 0; i < out.n; ++i) {
    (positive[i] ? out.w_plus : out.w_minus) += ranking.ranks[i];
  }

  const auto n = static_cast<double>(out.n);
  const double mean = n * (n + 1.0) / 4.0;
  double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0;
  for (std::size_t t : ranking.tie_sizes) {
    const auto tt = static_cast<double>(t);
    variance -= (tt * tt * tt - tt) / 48.0;
  }
  TANDEM_CHECK(variance > 0.0);  // true for every n >= 1, ties or not
  const double deviation = out.w_plus - mean;
  double correction = 0.0;
  if (options.continuity_correction && deviation != 0.0) correction = deviation > 0 ? 0.5 : -0.5;
  out.z = (deviation - correction) / std::sqrt(variance);

  if (out.n <= std::min(options.exact_max_n, kMaxExactN)) {
    std::vector<std::int64_t> doubled;
    doubled.reserve(out.n);
    for (double r : ranking.ranks) doubled.push_back(std::llround(2.0 * r));
    const ExactTails tails = ExactTailProbabilities(doubled, std::llround(2.0 * out.w_plus));
    out.method = PValueMethod::kExact;
    out.p_value = std::min(1.0, 2.0 * std::min(tails.lower, tails.upper));
  } else {
    out.method = PValueMethod::kNormal;
    out.p_value = std::min(1.0, 2.0 * internal::NormalUpperTail(std::fabs(out.z)));
  }
  return out;
}

}  // namespace tandem::core::eval
