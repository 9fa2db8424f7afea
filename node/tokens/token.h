// A pseudonymous token: the 64-byte RFC 9497 OPRF output of one encoded match-key value
// (agency-adapters/match_keys.h) under the partnership's threshold key. Tokens are what a
// node's index holds and what nodes compare; only the threshold OPRF makes one. Value type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tandem::node::tokens {

struct Token {
  std::array<std::uint8_t, 64> bytes{};
  friend bool operator==(const Token&, const Token&) = default;
  friend auto operator<=>(const Token&, const Token&) = default;
};

struct TokenHash {
  std::size_t operator()(const Token& token) const {
    std::size_t h = 0;
    std::memcpy(&h, token.bytes.data(), sizeof h);  // OPRF outputs are uniformly random
    return h;
  }
};

}  // namespace tandem::node::tokens
