// SHA-256 of public bytes (wire messages, documents), as raw bytes or lower-case hex: what the
// audit log records to tie an entry to the exact message it describes. Pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tandem::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest Sha256(std::span<const std::uint8_t> bytes);
Sha256Digest Sha256(std::string_view bytes);

// 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace tandem::crypto
