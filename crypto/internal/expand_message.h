// expand_message_xmd with SHA-512 (RFC 9380, section 5.3.1): the uniform-bytes step under
// HashToGroup and HashToScalar of the RFC 9497 ristretto255-SHA512 suite.
// Thread-safe (pure function).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>

#include "core/result.h"

namespace tandem::crypto::internal {

// A message given as pieces that are hashed in order, as if concatenated; no copy is made, so
// secret pieces never leave the caller's memory.
using ByteParts = std::initializer_list<std::span<const std::uint8_t>>;

// Fills `out` with expand_message_xmd(msg, dst, out.size()) using SHA-512. A DST longer than
// 255 bytes is first reduced as RFC 9380 section 5.3.3 says. kInvalidArgument when out is empty,
// longer than 255 * 64 bytes, or dst is empty. Intermediate hash state is wiped.
Status ExpandMessageXmdSha512(ByteParts msg, std::span<const std::uint8_t> dst,
                              std::span<std::uint8_t> out);

}  // namespace tandem::crypto::internal
