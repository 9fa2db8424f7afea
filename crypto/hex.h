// Lower-case hexadecimal for public values (keys, elements, proofs, hashes) wherever Tandem
// writes them in JSON. Never for secrets: those stay in SecretBytes. Pure and thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::crypto {

// Two lower-case digits per byte.
std::string EncodeHex(std::span<const std::uint8_t> bytes);

// An even number of hex digits (either case, nothing else). kInvalidArgument with the position
// otherwise; `what` names the value in the message ("proof").
Result<std::vector<std::uint8_t>> DecodeHex(std::string_view hex, std::string_view what);

// As DecodeHex, and exactly N bytes.
template <std::size_t N>
Result<std::array<std::uint8_t, N>> DecodeHexArray(std::string_view hex, std::string_view what) {
  auto bytes = DecodeHex(hex, what);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->size() != N) {
    return Fail(Code::kInvalidArgument,
                std::string(what) + " must be " + std::to_string(2 * N) + " hex digits");
  }
  std::array<std::uint8_t, N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

}  // namespace tandem::crypto
