// Where the differential-privacy mechanism gets its randomness: uniform 64-bit values. The node
// passes one backed by libsodium's CSPRNG; tests pass a deterministic one. Core draws nothing
// from anywhere else. Thread-safety is the implementation's.
#pragma once

#include <cstdint>

namespace tandem::core::eval {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A uniformly distributed 64-bit value, independent of all earlier ones.
  virtual std::uint64_t Next64() = 0;
};

}  // namespace tandem::core::eval
