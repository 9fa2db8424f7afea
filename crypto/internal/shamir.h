// Shamir secret sharing over the ristretto255 scalar field: random polynomials with secret
// coefficients, evaluation at holder indices x = 1..n, Feldman commitments to coefficients,
// and Lagrange interpolation (in the scalar field and in the exponent). Holder indices are
// small positive integers. Thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/internal/ristretto.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {

// f(x) = a_0 + a_1 x + ... + a_(t-1) x^(t-1), coefficients in secure memory. Move-only.
class SecretPolynomial {
 public:
  // Degree t-1 with a_1..a_(t-1) from the CSPRNG and a_0 a copy of `constant` (32 bytes), or
  // zero when `constant` is null (a refresh polynomial). kInternal if secure memory runs out.
  static Result<SecretPolynomial> Random(std::uint32_t threshold, const SecretBytes* constant);

  // f(x) into a new 32-byte secret.
  Result<SecretBytes> EvaluateAt(std::uint32_t x) const;

  // a_l * G for l = 1..t-1 (Feldman commitments without the constant term).
  std::vector<Element> CommitNonConstantCoefficients() const;

 private:
  explicit SecretPolynomial(std::vector<SecretBytes> coefficients)
      : coefficients_(std::move(coefficients)) {}
  std::vector<SecretBytes> coefficients_;
};

// The Lagrange basis polynomials of every xs[i] over the points xs, evaluated at `at`:
// prod_{j != i} (at - xs[j]) / (xs[i] - xs[j]). xs are distinct and non-zero (checked). One
// field inversion for all of them (Montgomery's trick): an inversion costs half a scalar
// multiplication, so t of them per token would show.
std::vector<Scalar> LagrangeCoefficients(std::span<const std::uint32_t> xs, std::uint32_t at);

// sum_i LagrangeCoefficient(xs, i, at) * points[i]: the value at `at` of the polynomial in the
// exponent through (xs[i], points[i]).
Element InterpolateInExponent(std::span<const std::uint32_t> xs, std::span<const Element> points,
                              std::uint32_t at);

// sum_{l=1}^{k} x^l * commitments[l-1] (Horner): a zero-constant committed polynomial at x.
Element EvaluateCommitments(std::span<const Element> commitments, std::uint32_t x);

}  // namespace tandem::crypto::internal
