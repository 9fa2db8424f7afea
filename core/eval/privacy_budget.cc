#include "core/eval/privacy_budget.h"

#include <cmath>
#include <limits>

namespace tandem::core::eval {
namespace {

constexpr std::uint64_t kMicros = 1000000;
constexpr std::uint64_t kMaxEpsilonMicros = 100 * kMicros;
constexpr std::int64_t kMaxSensitivity = 1000000;

// Uniform on [0, n), n >= 1: values below 2^64 mod n are rejected so every residue has the
// same number of preimages.
std::uint64_t UniformBelow(std::uint64_t n, RandomSource& random) {
  const std::uint64_t reject_below = (0 - n) % n;  // 2^64 mod n
  while (true) {
    const std::uint64_t x = random.Next64();
    if (x >= reject_below) return x % n;
  }
}

// Bernoulli(num / den), 0 <= num <= den, den >= 1.
bool BernoulliRational(std::uint64_t num, std::uint64_t den, RandomSource& random) {
  return UniformBelow(den, random) < num;
}

// Bernoulli(exp(-num / den)) for 0 <= num <= den (CKS algorithm 1): the parity of the first
// K at which a Bernoulli(g / K) trial fails.
bool BernoulliExpMinus(std::uint64_t num, std::uint64_t den, RandomSource& random) {
  std::uint64_t k = 1;
  while (BernoulliRational(num, den * k, random)) ++k;
  return k % 2 == 1;
}

}  // namespace

Result<Epsilon> ParseEpsilon(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::uint64_t whole = 0;
  std::uint64_t fraction = 0;
  std::size_t i = 0;
  std::size_t whole_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
    whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (whole > 100) {
      return Fail(Code::kInvalidArgument, "epsilon " + quoted + " is more than 100");
    }
  }
  std::size_t decimals = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++decimals > 6) {
        return Fail(Code::kInvalidArgument, "epsilon " + quoted + " has more than 6 decimals");
      }
      fraction = fraction * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (decimals == 0) whole_digits = 0;  // "1." is not a number here
  }
  if (i != text.size() || whole_digits == 0) {
    return Fail(Code::kInvalidArgument, "epsilon " + quoted + " is not a decimal number");
  }
  for (std::size_t d = decimals; d < 6; ++d) fraction *= 10;
  const Epsilon out{whole * kMicros + fraction};
  if (out.micros == 0 || out.micros > kMaxEpsilonMicros) {
    return Fail(Code::kInvalidArgument, "epsilon " + quoted + " must be above 0 and at most 100");
  }
  return out;
}

std::string FormatEpsilon(Epsilon epsilon) {
  std::string out = std::to_string(epsilon.micros / kMicros);
  std::uint64_t fraction = epsilon.micros % kMicros;
  if (fraction == 0) return out;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

Result<std::int64_t> SampleTwoSidedGeometric(Epsilon epsilon, std::int64_t sensitivity,
                                             RandomSource& random) {
  if (epsilon.micros == 0 || epsilon.micros > kMaxEpsilonMicros) {
    return Fail(Code::kInvalidArgument, "epsilon must be above 0 and at most 100");
  }
  if (sensitivity < 1 || sensitivity > kMaxSensitivity) {
    return Fail(Code::kInvalidArgument, "the sensitivity must be between 1 and 1,000,000");
  }
  // a = exp(-s / t) with s / t = epsilon / D: s = epsilon in micros, t = D x 10^6.
  const std::uint64_t s = epsilon.micros;
  const std::uint64_t t = static_cast<std::uint64_t>(sensitivity) * kMicros;
  while (true) {
    const std::uint64_t u = UniformBelow(t, random);
    if (!BernoulliExpMinus(u, t, random)) continue;
    std::uint64_t v = 0;
    while (BernoulliExpMinus(1, 1, random)) ++v;
    // X = U + t V is geometric: P(X = x) proportional to exp(-x / t).
    const std::uint64_t x = u + t * v;
    const std::uint64_t y = x / s;  // P(Y = y) proportional to exp(-y s / t)
    const bool negative = BernoulliRational(1, 2, random);
    if (negative && y == 0) continue;
    if (y > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) continue;
    const auto magnitude = static_cast<std::int64_t>(y);
    return negative ? -magnitude : magnitude;
  }
}

double TwoSidedGeometricPmf(std::int64_t z, Epsilon epsilon, std::int64_t sensitivity) {
  const double a = std::exp(-epsilon.Value() / static_cast<double>(sensitivity));
  return (1.0 - a) / (1.0 + a) * std::pow(a, std::fabs(static_cast<double>(z)));
}

Status PrivacyBudgetLedger::SetBudget(const std::string& agreement_id, Epsilon budget) {
  if (agreement_id.empty()) {
    return Fail(Code::kInvalidArgument, "a privacy budget needs an agreement id");
  }
  if (budget.micros == 0) {
    return Fail(Code::kInvalidArgument, "a privacy budget must be above 0");
  }
  auto [it, inserted] = entries_.emplace(agreement_id, Entry{agreement_id, budget, Epsilon{}});
  if (!inserted) {
    if (budget < it->second.spent) {
      return Fail(Code::kInvalidArgument, "agreement " + agreement_id + " has already spent " +
                                              FormatEpsilon(it->second.spent) +
                                              ", more than the new budget " +
                                              FormatEpsilon(budget));
    }
    it->second.budget = budget;
  }
  return Ok();
}

Result<Epsilon> PrivacyBudgetLedger::Spend(const std::string& agreement_id, Epsilon epsilon) {
  const auto it = entries_.find(agreement_id);
  if (it == entries_.end()) {
    return Fail(Code::kNotFound, "agreement " + agreement_id + " has no privacy budget");
  }
  if (epsilon.micros == 0) {
    return Fail(Code::kInvalidArgument, "a release must spend an epsilon above 0");
  }
  Entry& entry = it->second;
  const Epsilon remaining{entry.budget.micros - entry.spent.micros};
  if (epsilon > remaining) {
    return Fail(Code::kResourceExhausted,
                "agreement " + agreement_id + " has epsilon " + FormatEpsilon(remaining) +
                    " of its privacy budget left; this release needs " + FormatEpsilon(epsilon));
  }
  entry.spent.micros += epsilon.micros;
  return Epsilon{remaining.micros - epsilon.micros};
}

Result<Epsilon> PrivacyBudgetLedger::Remaining(const std::string& agreement_id) const {
  const auto it = entries_.find(agreement_id);
  if (it == entries_.end()) {
    return Fail(Code::kNotFound, "agreement " + agreement_id + " has no privacy budget");
  }
  return Epsilon{it->second.budget.micros - it->second.spent.micros};
}

std::vector<PrivacyBudgetLedger::Entry> PrivacyBudgetLedger::Entries() const {
  std::vector<Entry> out;
  for (const auto& [id, entry] : entries_) out.push_back(entry);
  return out;
}

Status PrivacyBudgetLedger::Restore(const std::vector<Entry>& entries) {
  std::map<std::string, Entry> restored;
  for (const Entry& e : entries) {
    if (e.agreement_id.empty() || e.spent > e.budget) {
      return Fail(Code::kInvalidArgument,
                  "a ledger entry has no agreement id or has spent more than its budget");
    }
    if (!restored.emplace(e.agreement_id, e).second) {
      return Fail(Code::kInvalidArgument,
                  "the ledger lists agreement " + e.agreement_id + " twice");
    }
  }
  entries_ = std::move(restored);
  return Ok();
}

Result<std::int64_t> ReleaseNoisyCount(PrivacyBudgetLedger& ledger, const std::string& agreement_id,
                                       std::int64_t value, Epsilon epsilon,
                                       std::int64_t sensitivity, RandomSource& random) {
  if (sensitivity < 1 || sensitivity > kMaxSensitivity) {
    return Fail(Code::kInvalidArgument, "the sensitivity must be between 1 and 1,000,000");
  }
  if (epsilon.micros > kMaxEpsilonMicros) {
    return Fail(Code::kInvalidArgument, "epsilon must be above 0 and at most 100");
  }
  auto spent = ledger.Spend(agreement_id, epsilon);
  if (!spent) return tl::unexpected(spent.error());
  auto noise = SampleTwoSidedGeometric(epsilon, sensitivity, random);
  if (!noise) return tl::unexpected(noise.error());
  const std::int64_t n = *noise;
  if ((n > 0 && value > std::numeric_limits<std::int64_t>::max() - n) ||
      (n < 0 && value < std::numeric_limits<std::int64_t>::min() - n)) {
    return Fail(Code::kInvalidArgument, "the noisy count overflows");
  }
  return value + n;
}

}  // namespace tandem::core::eval
