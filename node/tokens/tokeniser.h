// The requesting side of the threshold OPRF, the one path every token goes through
// (`tandem link`, the token index builder, referral queries): blind a batch of encoded key
// values, ask t key holders for partial evaluations through a PartialEvaluator, verify every
// holder's DLEQ proof against its public share as the answer arrives, combine with Lagrange
// coefficients and finalise. A token is the 64-byte OPRF-mode output, equal bit for bit to the
// single-key RFC 9497 output under the partnership key.
//
// Holders are asked in a fixed order starting at a rotating position (so that successive
// batches spread the work); a holder that fails (no answer, or a proof that does not verify)
// is recorded and the next one asked, until t partials have verified or the holders run out.
//
// Errors: kInvalidArgument for an empty batch, over 65535 inputs or an input over 65535 bytes;
// kUnauthenticated when fewer than t holders gave a verifying answer and at least one gave a
// bad one (the message names every failed holder by index and name); otherwise the failed
// holders' errors (kUnavailable, kNotFound), also naming them. Raw inputs never appear in a
// message. Thread-safety: Tokenise is const and may run concurrently if the evaluator allows.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/threshold_oprf.h"
#include "node/tokens/partial_evaluator.h"
#include "node/tokens/token.h"

namespace tandem::node::tokens {

// A holder that did not give a usable partial evaluation, and why.
struct HolderFailure {
  std::uint32_t holder = 0;
  Error error;
};

class Tokeniser {
 public:
  struct Options {
    // Holder indices to ask, in order; empty = 1..n.
    std::vector<std::uint32_t> holders;
    // Name of holder i at names[i - 1] (node ids), for messages; may be empty.
    std::vector<std::string> names;
  };

  // kInvalidArgument when a listed holder is not in the key or is listed twice, when fewer than
  // t holders are listed, or when names are given but not one per holder of the key.
  static Result<Tokeniser> Create(crypto::ThresholdPublicKey key,
                                  std::shared_ptr<const PartialEvaluator> evaluator,
                                  Options options);
  static Result<Tokeniser> Create(crypto::ThresholdPublicKey key,
                                  std::shared_ptr<const PartialEvaluator> evaluator) {
    return Create(std::move(key), std::move(evaluator), Options{});
  }

  const crypto::ThresholdPublicKey& public_key() const { return key_; }
  std::uint32_t threshold() const { return key_.threshold(); }
  std::uint32_t holders() const { return key_.holders(); }

  // The token of every input, in order. Asking starts at position `round` mod the number of
  // listed holders. When `failures` is given, every holder that failed during the call is
  // appended to it (also when the call succeeds through other holders).
  Result<std::vector<Token>> Tokenise(std::span<const std::span<const std::uint8_t>> inputs,
                                      std::uint32_t round = 0,
                                      std::vector<HolderFailure>* failures = nullptr) const;

  // "holder 2 (probation)", or "holder 2" without names.
  std::string HolderLabel(std::uint32_t holder) const;

 private:
  Tokeniser(crypto::ThresholdPublicKey key, std::shared_ptr<const PartialEvaluator> evaluator,
            Options options)
      : key_(std::move(key)), evaluator_(std::move(evaluator)), options_(std::move(options)) {}

  crypto::ThresholdPublicKey key_;
  std::shared_ptr<const PartialEvaluator> evaluator_;
  Options options_;
};

}  // namespace tandem::node::tokens
