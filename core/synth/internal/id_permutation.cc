#include "core/synth/internal/id_permutation.h"

#include "core/check.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {
namespace {

constexpr int kRounds = 4;

}  // namespace

IdPermutation::IdPermutation(std::uint64_t domain, std::uint64_t key) : domain_(domain), key_(key) {
  TANDEM_CHECK(domain >= 2 && domain <= (std::uint64_t{1} << 62));
  while ((std::uint64_t{1} << (2 * half_bits_)) < domain) ++half_bits_;
  half_mask_ = (std::uint64_t{1} << half_bits_) - 1;
}

std::uint64_t IdPermutation::Round(std::uint64_t half, int round) const {
  std::uint64_t state = key_ ^ (half * 0x9e3779b97f4a7c15ULL) ^ static_cast<std::uint64_t>(round);
  return SplitMix64(state) & half_mask_;
}

std::uint64_t IdPermutation::Map(std::uint64_t index) const {
  TANDEM_CHECK(index < domain_);
  std::uint64_t value = index;
  // Cycle walking: the network permutes [0, 2^(2*half_bits)); re-apply until the image falls
  // inside the domain. Terminates because the walk follows a cycle through `index`.
  do {
    std::uint64_t left = value >> half_bits_;
    std::uint64_t right = value & half_mask_;
    for (int r = 0; r < kRounds; ++r) {
      const std::uint64_t next = left ^ Round(right, r);
      left = right;
      right = next;
    }
    value = (left << half_bits_) | right;
  } while (value >= domain_);
  return value;
}

}  // namespace tandem::core::synth::internal
