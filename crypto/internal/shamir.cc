#include "crypto/internal/shamir.h"

#include <sodium.h>

#include "core/check.h"

namespace tandem::crypto::internal {

Result<SecretPolynomial> SecretPolynomial::Random(std::uint32_t threshold,
                                                  const SecretBytes* constant) {
  TANDEM_CHECK(threshold >= 1);
  std::vector<SecretBytes> coefficients;
  coefficients.reserve(threshold);
  auto a0 = constant != nullptr ? SecretBytes::Copy(constant->view()) : ZeroSecretScalar();
  if (!a0) return tl::unexpected(a0.error());
  TANDEM_CHECK(a0->size() == kScalarBytes);
  coefficients.push_back(std::move(*a0));
  for (std::uint32_t l = 1; l < threshold; ++l) {
    auto a = NewSecretScalar();
    if (!a) return tl::unexpected(a.error());
    coefficients.push_back(std::move(*a));
  }
  return SecretPolynomial(std::move(coefficients));
}

Result<SecretBytes> SecretPolynomial::EvaluateAt(std::uint32_t x) const {
  auto acc = ZeroSecretScalar();
  if (!acc) return acc;
  ScratchScalar product;
  const Scalar xs = ScalarFromUint(x);
  // Horner: acc = (...(a_(t-1) x + a_(t-2)) x + ...) x + a_0.
  for (std::size_t l = coefficients_.size(); l-- > 0;) {
    crypto_core_ristretto255_scalar_mul(product.data(), acc->data(), xs.data());
    crypto_core_ristretto255_scalar_add(acc->data(), product.data(), coefficients_[l].data());
  }
  return acc;
}

std::vector<Element> SecretPolynomial::CommitNonConstantCoefficients() const {
  std::vector<Element> out;
  for (std::size_t l = 1; l < coefficients_.size(); ++l) {
    out.push_back(BaseMult(ScalarView(coefficients_[l])));
  }
  return out;
}

std::vector<Scalar> LagrangeCoefficients(std::span<const std::uint32_t> xs, std::uint32_t at) {
  const std::size_t n = xs.size();
  std::vector<Scalar> numerators(n, ScalarFromUint(1));
  std::vector<Scalar> denominators(n, ScalarFromUint(1));
  const Scalar target = ScalarFromUint(at);
  for (std::size_t i = 0; i < n; ++i) {
    TANDEM_CHECK(xs[i] != 0);
    const Scalar xi = ScalarFromUint(xs[i]);
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      TANDEM_CHECK(xs[j] != xs[i]);
      const Scalar xj = ScalarFromUint(xs[j]);
      Scalar term{};
      crypto_core_ristretto255_scalar_sub(term.data(), target.data(), xj.data());
      crypto_core_ristretto255_scalar_mul(numerators[i].data(), numerators[i].data(), term.data());
      crypto_core_ristretto255_scalar_sub(term.data(), xi.data(), xj.data());
      crypto_core_ristretto255_scalar_mul(denominators[i].data(), denominators[i].data(),
                                          term.data());
    }
  }
  // prefix[i] = d_0 * ... * d_(i-1); invert the full product once, then peel off each d_i.
  std::vector<Scalar> prefix(n + 1, ScalarFromUint(1));
  for (std::size_t i = 0; i < n; ++i) {
    crypto_core_ristretto255_scalar_mul(prefix[i + 1].data(), prefix[i].data(),
                                        denominators[i].data());
  }
  Scalar inverse{};  // of d_0 * ... * d_(i) as i walks down
  TANDEM_CHECK(crypto_core_ristretto255_scalar_invert(inverse.data(), prefix[n].data()) == 0);
  std::vector<Scalar> out(n);
  for (std::size_t i = n; i-- > 0;) {
    Scalar inverse_di{};
    crypto_core_ristretto255_scalar_mul(inverse_di.data(), inverse.data(), prefix[i].data());
    crypto_core_ristretto255_scalar_mul(inverse.data(), inverse.data(), denominators[i].data());
    crypto_core_ristretto255_scalar_mul(out[i].data(), numerators[i].data(), inverse_di.data());
  }
  return out;
}

Element InterpolateInExponent(std::span<const std::uint32_t> xs, std::span<const Element> points,
                              std::uint32_t at) {
  TANDEM_CHECK(xs.size() == points.size());
  const std::vector<Scalar> lambdas = LagrangeCoefficients(xs, at);
  Element acc{};
  for (std::size_t i = 0; i < xs.size(); ++i) acc = Add(acc, Mult(lambdas[i], points[i]));
  return acc;
}

Element EvaluateCommitments(std::span<const Element> commitments, std::uint32_t x) {
  const Scalar xs = ScalarFromUint(x);
  Element acc{};
  for (std::size_t l = commitments.size(); l-- > 0;) {
    acc = Mult(xs, Add(acc, commitments[l]));
  }
  return acc;
}

}  // namespace tandem::crypto::internal
