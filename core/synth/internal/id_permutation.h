// A keyed bijection of [0, domain): record references drawn through it are unique and
// scattered, so a reference says nothing about the person's place in the population or about
// which records belong together. Balanced Feistel network with cycle walking.
// Value type; thread-safe for concurrent Map calls.
#pragma once

#include <cstdint>

namespace tandem::core::synth::internal {

class IdPermutation {
 public:
  // Precondition: 2 <= domain <= 2^62.
  IdPermutation(std::uint64_t domain, std::uint64_t key);

  // The image of `index`. Precondition: index < domain(). Distinct indices, distinct images.
  std::uint64_t Map(std::uint64_t index) const;

  std::uint64_t domain() const { return domain_; }

 private:
  std::uint64_t Round(std::uint64_t half, int round) const;

  std::uint64_t domain_;
  std::uint64_t key_;
  int half_bits_ = 1;
  std::uint64_t half_mask_ = 1;
};

}  // namespace tandem::core::synth::internal
