// The steps that the single-key VOPRF server and every threshold key holder share: checking a
// batch of blinded elements and evaluating it under a secret scalar with one DLEQ proof.
// Thread-safe (pure functions).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/internal/ristretto.h"
#include "crypto/oprf.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {

// Every element valid and not the identity; kInvalidArgument naming `what` and the position.
Status CheckElements(std::span<const Element> elements, std::string_view what);

// evaluated[i] = k * blinded[i] and GenerateProof(k, G, public_key, blinded, evaluated) under
// the VOPRF contextString. The caller guarantees public_key == k*G. `proof_scalar` as in
// GenerateProof.
Result<VerifiableEvaluation> EvaluateWithProof(const SecretBytes& k, const Element& public_key,
                                               std::span<const Element> blinded,
                                               const SecretBytes* proof_scalar);

// The RFC's Finalize hash: Hash(I2OSP(len(input), 2) || input || I2OSP(32, 2) || element ||
// "Finalize"), for an input of at most 65535 bytes.
OprfOutput FinalizeHash(std::span<const std::uint8_t> input, const Element& unblinded);

// kInvalidArgument when an input is over 65535 bytes (the RFC's length prefix).
Status CheckInputSize(std::span<const std::uint8_t> input);

}  // namespace tandem::crypto::internal
