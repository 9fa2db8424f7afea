// The random source of differential-privacy noise on a node: uniform 64-bit values from
// libsodium's CSPRNG (randombytes_buf). Thread-safe.
#pragma once

#include <cstdint>

#include "core/eval/random_source.h"

namespace tandem::node::eval {

class SodiumRandom final : public core::eval::RandomSource {
 public:
  std::uint64_t Next64() override;
};

}  // namespace tandem::node::eval
