#include "node/eval/sodium_random.h"

#include <sodium.h>

namespace tandem::node::eval {

std::uint64_t SodiumRandom::Next64() {
  std::uint64_t value = 0;
  randombytes_buf(&value, sizeof value);
  return value;
}

}  // namespace tandem::node::eval
