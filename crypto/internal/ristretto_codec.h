// ristretto255 decoding and encoding of RFC 9496 sections 4.3.1 and 4.3.2 on this module's own
// field arithmetic, for the variable-time multi-scalar multiplication (msm.h). Decoding accepts
// exactly the canonical encodings of group elements (the identity included) and rejects
// everything libsodium's crypto_core_ristretto255_is_valid_point rejects; encoding gives the
// element's unique canonical encoding. Both run in variable time: use them for public
// elements only. Thread-safe (pure functions).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "crypto/internal/edwards25519.h"

namespace tandem::crypto::internal {

// The point the encoding names, or nullopt when the 32 bytes are not a canonical encoding.
std::optional<EdPoint> RistrettoDecode(const std::array<std::uint8_t, 32>& bytes);

// The canonical encoding of the ristretto255 element that `p` represents.
std::array<std::uint8_t, 32> RistrettoEncode(const EdPoint& p);

}  // namespace tandem::crypto::internal
