// The batched discrete-log-equality proof of RFC 9497 section 2.2 (GenerateProof,
// VerifyProof, ComputeComposites and ComputeCompositesFast), for ristretto255-SHA512.
// A proof shows that k*A == B and k*C[i] == D[i] for every i without revealing k. The VOPRF
// server and every threshold key holder prove their evaluations with it; this is the only
// copy. Thread-safe (pure functions).
#pragma once

#include <array>
#include <span>

#include "core/result.h"
#include "crypto/internal/ristretto.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {

inline constexpr std::size_t kProofBytes = 2 * kScalarBytes;
using Proof = std::array<std::uint8_t, kProofBytes>;  // c || s

// The statement: k*a == b and k*c[i] == d[i]. c and d are non-empty and of equal length
// (at most 65535, the transcript's index width).
struct DleqStatement {
  const Element& a;
  const Element& b;
  std::span<const Element> c;
  std::span<const Element> d;
};

// kInvalidArgument when the lists are empty, of different lengths or too long.
Status CheckStatementShape(const DleqStatement& statement);

// GenerateProof(k, A, B, C, D) under `mode`'s contextString. `proof_scalar` is the proof's
// random r: a fresh one when null; the RFC's ProofRandomScalar in known-answer tests. The
// caller guarantees k*A == B (it is the holder of k). kInvalidArgument for a bad shape or a
// non-canonical proof_scalar; kInternal when secure memory runs out.
Result<Proof> GenerateProof(std::uint8_t mode, const SecretBytes& k, const DleqStatement& statement,
                            const SecretBytes* proof_scalar);

// VerifyProof(A, B, C, D, proof). Success means the proof holds. kInvalidArgument when a
// proof scalar is not canonical or the shape is wrong; kUnauthenticated when the proof fails.
Status VerifyProof(std::uint8_t mode, const DleqStatement& statement, const Proof& proof);

}  // namespace tandem::crypto::internal
