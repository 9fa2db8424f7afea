#include "crypto/hex.h"

#include "crypto/internal/hex.h"

namespace tandem::crypto {

std::string EncodeHex(std::span<const std::uint8_t> bytes) { return internal::EncodeHex(bytes); }

Result<std::vector<std::uint8_t>> DecodeHex(std::string_view hex, std::string_view what) {
  return internal::DecodeHex(hex, what);
}

}  // namespace tandem::crypto
