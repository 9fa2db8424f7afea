// The generator's own random numbers: xoshiro256** seeded through splitmix64, and the draws
// built on it (uniform, Bernoulli, weighted, Poisson). Only integer arithmetic and exact IEEE
// operations, never std:: distributions or libm, so a seed gives the same numbers with every
// compiler and standard library. Value type; not thread-safe (one per stream).
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace tandem::core::synth::internal {

// splitmix64: one step of the sequence starting at `state`; advances `state`.
std::uint64_t SplitMix64(std::uint64_t& state);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // An independent stream for (seed, a, b): e.g. (seed, person index, agency).
  static Rng ForStream(std::uint64_t seed, std::uint64_t a, std::uint64_t b);

  std::uint64_t Next();

  // Uniform in [0, n). Precondition: n > 0. Rejection sampling: unbiased.
  std::uint64_t Below(std::uint64_t n);

  // Uniform in [lo, hi] (inclusive). Precondition: lo <= hi.
  int Between(int lo, int hi);

  // Uniform in [0, 1), 53 bits.
  double Unit();

  // True with probability p (p <= 0 never, p >= 1 always).
  bool Chance(double p);

  // Poisson-distributed count with the given mean (0 <= mean <= 30), by Knuth's method.
  int Poisson(double mean);

  // An index into `weights` drawn with probability proportional to its weight.
  // Precondition: at least one weight is positive.
  std::size_t Weighted(std::span<const std::uint32_t> weights);

 private:
  std::array<std::uint64_t, 4> s_{};
};

// e^-x for 0 <= x <= 30 with +, *, / only (deterministic across platforms).
double ExpNeg(double x);

}  // namespace tandem::core::synth::internal
