// Lower-case hexadecimal for public values (keys, elements, proofs) in the crypto module.
// Secrets are never formatted as hex here; decoding into secure memory goes through
// DecodeHexSecret. Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {

// Two lower-case digits per byte.
std::string EncodeHex(std::span<const std::uint8_t> bytes);

// Decodes an even number of hex digits (either case, nothing else). kInvalidArgument with the
// offending position otherwise; `what` names the value in the message ("public key").
Result<std::vector<std::uint8_t>> DecodeHex(std::string_view hex, std::string_view what);

// As DecodeHex, into secure memory, so the bytes never sit in ordinary heap memory.
Result<SecretBytes> DecodeHexSecret(std::string_view hex, std::string_view what);

}  // namespace tandem::crypto::internal
