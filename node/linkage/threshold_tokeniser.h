// Match-key values to tokens through the real threshold OPRF, with the partnership's key
// holders simulated in this process: the key is dealt t-of-n (default 3-of-6, one share per
// agency node) to an in-process evaluator, and every batch goes through the same requesting
// path as a deployed node's (node/tokens/tokeniser.h): blind, t holders evaluate under their
// shares with one batched DLEQ proof each, every proof is verified, the partials are combined
// and finalised. A token is the 64-byte OPRF output for `key type ‖ 0x00 ‖ normalised value`
// under the partnership key; no holder sees an input and no single share gives a token.
//
// Used by `tandem link` to measure linkage quality locally; a deployed node reaches the other
// holders over the wire instead. Thread-safety: Tokenise is const and may run concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "node/tokens/token.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::linkage {

using Token = tokens::Token;
using TokenHash = tokens::TokenHash;

class ThresholdTokeniser {
 public:
  // Deals a fresh partnership key t-of-n to n simulated holders. kInvalidArgument unless
  // 1 <= threshold <= holders <= 255; kInternal when secure memory cannot be had.
  static Result<ThresholdTokeniser> Create(std::uint32_t threshold = 3, std::uint32_t holders = 6);

  ThresholdTokeniser(ThresholdTokeniser&&) noexcept = default;
  ThresholdTokeniser& operator=(ThresholdTokeniser&&) noexcept = default;

  std::uint32_t threshold() const { return tokeniser_.threshold(); }
  std::uint32_t holders() const { return tokeniser_.holders(); }
  const tokens::Tokeniser& tokeniser() const { return tokeniser_; }

  // The token of every input, in order, computed with the t holders starting at holder
  // (round mod n) + 1, so that successive rounds spread the work over every holder (any t
  // holders give the same tokens). kInvalidArgument when `inputs` is empty, holds more than
  // 65535 inputs or an input over 65535 bytes; kUnauthenticated when a holder's proof fails.
  Result<std::vector<Token>> Tokenise(std::span<const std::span<const std::uint8_t>> inputs,
                                      std::uint32_t round = 0) const {
    return tokeniser_.Tokenise(inputs, round);
  }

 private:
  explicit ThresholdTokeniser(tokens::Tokeniser tokeniser) : tokeniser_(std::move(tokeniser)) {}

  tokens::Tokeniser tokeniser_;
};

}  // namespace tandem::node::linkage
