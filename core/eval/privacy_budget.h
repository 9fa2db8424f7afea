// Differential privacy for published aggregates: the two-sided geometric (discrete Laplace)
// mechanism and a privacy-budget ledger per information-sharing agreement.
//
// Epsilon is held exactly, in millionths (Epsilon::micros), so budgets add up without rounding
// and the sampler can work on integers: for sensitivity D the noise Z has
// P(Z = z) = (1 - a) / (1 + a) a^|z| with a = exp(-epsilon / D). It is sampled exactly, with
// no floating-point step, by the method of Canonne, Kamath and Steinke ("The discrete Gaussian
// for differential privacy", 2020, algorithms 1 and 2): Bernoulli(exp(-g)) for rational g from
// uniform integers, a geometric count of such trials, a uniform offset, and a fair sign with
// the negative zero rejected. Uniform integers below n come from the RandomSource by
// rejection (no modulo bias). The free functions are thread-safe when the RandomSource they are
// given is; the ledger is not (see below).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/eval/random_source.h"
#include "core/result.h"

namespace tandem::core::eval {

struct Epsilon {
  std::uint64_t micros = 0;  // epsilon x 10^6
  double Value() const { return static_cast<double>(micros) / 1e6; }
  friend auto operator<=>(const Epsilon&, const Epsilon&) = default;
};

// Parses a decimal such as "0.5" or "1" (at most 6 decimals, 0 < epsilon <= 100).
// kInvalidArgument otherwise, quoting the text.
Result<Epsilon> ParseEpsilon(std::string_view text);

// "0.5", "1", "0.000001": the shortest exact decimal.
std::string FormatEpsilon(Epsilon epsilon);

// One draw of two-sided geometric noise for the given epsilon (0 < epsilon <= 100) and
// sensitivity (1 <= D <= 10^6). kInvalidArgument when either is out of range.
Result<std::int64_t> SampleTwoSidedGeometric(Epsilon epsilon, std::int64_t sensitivity,
                                             RandomSource& random);

// P(Z = z) of that distribution, in floating point, for tests and documentation.
double TwoSidedGeometricPmf(std::int64_t z, Epsilon epsilon, std::int64_t sensitivity);

// Ledger of epsilon spent per agreement under sequential composition: each release spends its
// epsilon, and a release that would take the total past the agreement's budget is refused.
// Not thread-safe (the node serialises access); copyable, so the node can persist and restore
// it through Entries() and Restore().
class PrivacyBudgetLedger {
 public:
  struct Entry {
    std::string agreement_id;
    Epsilon budget;
    Epsilon spent;
  };

  // Sets (or raises) the total budget of an agreement. kInvalidArgument for an empty id or a
  // zero budget, or a budget below what is already spent.
  Status SetBudget(const std::string& agreement_id, Epsilon budget);

  // Spends `epsilon` and returns what remains. kNotFound for an agreement without a budget;
  // kInvalidArgument for a zero epsilon; kResourceExhausted, spending nothing, when the
  // remaining budget is smaller than `epsilon` (the message gives both figures).
  Result<Epsilon> Spend(const std::string& agreement_id, Epsilon epsilon);

  // What remains. kNotFound for an agreement without a budget.
  Result<Epsilon> Remaining(const std::string& agreement_id) const;

  std::vector<Entry> Entries() const;
  // Replaces the ledger's content. kInvalidArgument for a repeated id or spent > budget.
  Status Restore(const std::vector<Entry>& entries);

 private:
  std::map<std::string, Entry> entries_;
};

// Spends epsilon from the ledger, then returns value + noise; the budget is spent even if the
// caller then drops the value. Errors as Spend and SampleTwoSidedGeometric (the sensitivity is
// checked before anything is spent).
Result<std::int64_t> ReleaseNoisyCount(PrivacyBudgetLedger& ledger, const std::string& agreement_id,
                                       std::int64_t value, Epsilon epsilon,
                                       std::int64_t sensitivity, RandomSource& random);

}  // namespace tandem::core::eval
