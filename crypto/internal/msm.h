// Variable-time multi-scalar multiplication in ristretto255: sum of scalars[i] * points[i] by
// Straus's interleaved method over width-5 non-adjacent forms, on this module's own field and
// point arithmetic (field25519.h, edwards25519.h, ristretto_codec.h).
//
// THE RULE: every scalar given to these functions must be PUBLIC. Their running time, branches
// and memory accesses depend on the scalars' digits, so a secret scalar (a key, a key share, a
// blind, a proof's nonce, anything derived from one) must never reach them; secrets go
// through Mult and BaseMult in ristretto.h (libsodium's constant-time ladder). The points are
// public too. In Tandem the callers are the DLEQ composites (weights are hash outputs), the
// verifier's t2 = s*A + c*B and t3 = s*M + c*Z (c and s are the published proof) and the
// threshold combination (Lagrange coefficients of public holder numbers).
//
// Scalars are any 32 little-endian bytes (reduced or not). Thread-safe (pure functions; the
// operation counter is a relaxed atomic).
#pragma once

#include <optional>
#include <span>

#include "crypto/internal/edwards25519.h"
#include "crypto/internal/ristretto.h"

namespace tandem::crypto::internal {

// The point an element names. The caller guarantees a valid encoding (it came through
// DeserializeElement or CheckElements, or from this module's own arithmetic); anything else is a
// broken invariant.
EdPoint DecodeValidElement(const Element& element);
// The point, or nullopt when the bytes are not a canonical ristretto255 encoding.
std::optional<EdPoint> DecodeElement(const Element& element);
Element EncodeElement(const EdPoint& point);

// The generator G as a point (decoded once).
const EdPoint& GeneratorPoint();

// sum scalars[i] * points[i]; spans of equal length (0 gives the identity). PUBLIC scalars only.
EdPoint MultiScalarMultPoints(std::span<const Scalar> scalars, std::span<const EdPoint> points);

// The same on encoded elements, which must be valid encodings (see DecodeValidElement).
Element MultiScalarMult(std::span<const Scalar> scalars, std::span<const Element> points);

}  // namespace tandem::crypto::internal
