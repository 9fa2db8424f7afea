// The bytes of a text, as the hashing, signing and encryption functions take them. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace tandem::crypto {

inline std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace tandem::crypto
