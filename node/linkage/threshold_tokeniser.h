// Match-key values to tokens through the real threshold OPRF (crypto/threshold_oprf.h), with
// the partnership's key holders simulated in this process: the key is dealt t-of-n (default
// 3-of-6, one share per agency node), and for every batch the requesting side blinds the
// inputs, t holders evaluate them under their shares with one batched DLEQ proof each, the
// requester verifies every proof, combines the partial evaluations and finalises. A token is
// the 64-byte OPRF output for `key type ‖ 0x00 ‖ normalised value` under the partnership key;
// no holder sees an input and no single share gives a token.
//
// Used by `tandem link` to measure linkage quality locally; a deployed node reaches the other
// holders over the wire instead. Thread-safety: Tokenise is const and may run concurrently.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/threshold_oprf.h"

namespace tandem::node::linkage {

// A pseudonymous token: the OPRF output of one key value. Compared as bytes.
struct Token {
  std::array<std::uint8_t, 64> bytes{};
  friend bool operator==(const Token&, const Token&) = default;
};

struct TokenHash {
  std::size_t operator()(const Token& token) const {
    std::size_t h = 0;
    std::memcpy(&h, token.bytes.data(), sizeof h);  // OPRF outputs are uniformly random
    return h;
  }
};

class ThresholdTokeniser {
 public:
  // Deals a fresh partnership key t-of-n to n simulated holders. kInvalidArgument unless
  // 1 <= threshold <= holders <= 255; kInternal when secure memory cannot be had.
  static Result<ThresholdTokeniser> Create(std::uint32_t threshold = 3, std::uint32_t holders = 6);

  ThresholdTokeniser(ThresholdTokeniser&&) noexcept = default;
  ThresholdTokeniser& operator=(ThresholdTokeniser&&) noexcept = default;

  std::uint32_t threshold() const { return public_key_.threshold(); }
  std::uint32_t holders() const { return public_key_.holders(); }

  // The token of every input, in order, computed with the t holders starting at holder
  // (round mod n) + 1, so that successive rounds spread the work over every holder (any t
  // holders give the same tokens). kInvalidArgument when `inputs` is empty, holds more than
  // 65535 inputs or an input over 65535 bytes; kUnauthenticated when a holder's proof fails.
  Result<std::vector<Token>> Tokenise(std::span<const std::span<const std::uint8_t>> inputs,
                                      std::uint32_t round = 0) const;

 private:
  ThresholdTokeniser(crypto::ThresholdPublicKey public_key, std::vector<crypto::KeyShare> shares)
      : public_key_(std::move(public_key)), shares_(std::move(shares)) {}

  crypto::ThresholdPublicKey public_key_;
  std::vector<crypto::KeyShare> shares_;  // shares_[i] is holder i + 1's
};

}  // namespace tandem::node::linkage
