#include "core/synth/internal/rng.h"

#include "core/check.h"

namespace tandem::core::synth::internal {
namespace {

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t SplitMix64(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = SplitMix64(state);
}

Rng Rng::ForStream(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  // Hash the three parts in sequence so that nearby (a, b) give unrelated states.
  std::uint64_t state = seed;
  std::uint64_t h = SplitMix64(state);
  state = h ^ a;
  h = SplitMix64(state);
  state = h ^ (b * 0xd1b54a32d192ed03ULL);
  return Rng(SplitMix64(state));
}

std::uint64_t Rng::Next() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::Below(std::uint64_t n) {
  TANDEM_CHECK(n > 0);
  // Reject the lowest (2^64 mod n) values so every residue is equally likely.
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t r = Next();
  while (r < threshold) r = Next();
  return r % n;
}

int Rng::Between(int lo, int hi) {
  TANDEM_CHECK(lo <= hi);
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo) + 1;
  return static_cast<int>(lo + static_cast<std::int64_t>(Below(span)));
}

double Rng::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

bool Rng::Chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return Unit() < p;
}

int Rng::Poisson(double mean) {
  TANDEM_CHECK(mean >= 0 && mean <= 30);
  const double limit = ExpNeg(mean);
  int count = 0;
  double product = Unit();
  while (product > limit) {
    ++count;
    product *= Unit();
  }
  return count;
}

std::size_t Rng::Weighted(std::span<const std::uint32_t> weights) {
  std::uint64_t total = 0;
  for (std::uint32_t w : weights) total += w;
  TANDEM_CHECK(total > 0);
  std::uint64_t target = Below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  return weights.size() - 1;  // unreachable: target < total
}

double ExpNeg(double x) {
  TANDEM_CHECK(x >= 0 && x <= 30);
  // Halve until small, sum the Taylor series, square back. Each operation is a separate
  // statement so no compiler fuses them into platform-dependent multiply-adds.
  int halvings = 0;
  while (x > 0.25) {
    x /= 2;
    ++halvings;
  }
  double term = 1;
  double sum = 1;
  for (int k = 1; k <= 16; ++k) {
    term *= -x;
    term /= k;
    sum += term;
  }
  for (int i = 0; i < halvings; ++i) sum *= sum;
  return sum;
}

}  // namespace tandem::core::synth::internal
