#include "crypto/digest.h"

#include <sodium.h>

#include "crypto/internal/hex.h"

namespace tandem::crypto {

Sha256Digest Sha256(std::span<const std::uint8_t> bytes) {
  Sha256Digest digest{};
  crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
  return digest;
}

Sha256Digest Sha256(std::string_view bytes) {
  return Sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string Sha256Hex(std::string_view bytes) { return internal::EncodeHex(Sha256(bytes)); }

}  // namespace tandem::crypto
