#include "crypto/threshold_oprf.h"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "crypto/internal/dleq.h"
#include "crypto/internal/evaluation.h"
#include "crypto/internal/msm.h"
#include "crypto/internal/ristretto.h"
#include "crypto/internal/shamir.h"

namespace tandem::crypto {
namespace {

using internal::Element;

std::string HolderName(std::uint32_t holder) { return "holder " + std::to_string(holder); }

Status CheckParameters(std::uint32_t threshold, std::uint32_t holders) {
  if (threshold < 1 || threshold > holders || holders > kMaxKeyHolders) {
    return Fail(Code::kInvalidArgument,
                "a " + std::to_string(threshold) + "-of-" + std::to_string(holders) +
                    " key is not possible; need 1 <= t <= n <= " + std::to_string(kMaxKeyHolders));
  }
  return Ok();
}

// Binds a verified partial to the batch it was verified against.
std::array<std::uint8_t, 32> BatchDigest(std::span<const OprfElement> blinded) {
  std::array<std::uint8_t, 32> digest{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, digest.size());
  for (const auto& b : blinded) crypto_generichash_update(&state, b.data(), b.size());
  crypto_generichash_final(&state, digest.data(), digest.size());
  return digest;
}

std::vector<std::uint32_t> Indices(std::uint32_t first, std::uint32_t count) {
  std::vector<std::uint32_t> xs(count);
  for (std::uint32_t i = 0; i < count; ++i) xs[i] = first + i;
  return xs;
}

// Shares `secret` (the key k) t-of-n; the polynomial is wiped when this returns.
Result<DealtKey> Share(const SecretBytes& secret, std::uint32_t threshold, std::uint32_t holders) {
  auto polynomial = internal::SecretPolynomial::Random(threshold, &secret);
  if (!polynomial) return tl::unexpected(polynomial.error());
  std::vector<KeyShare> shares;
  std::vector<OprfElement> public_shares;
  for (std::uint32_t x = 1; x <= holders; ++x) {
    auto value = polynomial->EvaluateAt(x);
    if (!value) return tl::unexpected(value.error());
    auto share = KeyShare::FromSecret(x, 0, *value);
    if (!share) return tl::unexpected(share.error());
    public_shares.push_back(share->public_share());
    shares.push_back(std::move(*share));
  }
  auto public_key = ThresholdPublicKey::Create(threshold, 0, std::move(public_shares));
  if (!public_key) return tl::unexpected(public_key.error());
  return DealtKey{std::move(*public_key), std::move(shares)};
}

}  // namespace

// ---- ThresholdPublicKey ----

Result<ThresholdPublicKey> ThresholdPublicKey::Create(std::uint32_t threshold, std::uint32_t epoch,
                                                      std::vector<OprfElement> public_shares) {
  const auto n =
      static_cast<std::uint32_t>(std::min<std::size_t>(public_shares.size(), 0xffffffff));
  if (auto s = CheckParameters(threshold, n); !s) return tl::unexpected(s.error());
  for (std::uint32_t i = 0; i < n; ++i) {
    if (auto e = internal::DeserializeElement(public_shares[i],
                                              "the public share of " + HolderName(i + 1));
        !e) {
      return tl::unexpected(e.error());
    }
  }
  // Holders 1..t fix the polynomial in the exponent; every other public share must lie on it.
  const auto base = Indices(1, threshold);
  const std::span<const Element> base_points(public_shares.data(), threshold);
  for (std::uint32_t x = threshold + 1; x <= n; ++x) {
    if (internal::InterpolateInExponent(base, base_points, x) != public_shares[x - 1]) {
      return Fail(Code::kInvalidArgument,
                  "the public share of " + HolderName(x) +
                      " is not on the polynomial of holders 1.." + std::to_string(threshold) +
                      "; the shares do not form one " + std::to_string(threshold) + "-of-" +
                      std::to_string(n) + " key");
    }
  }
  ThresholdPublicKey key;
  key.threshold_ = threshold;
  key.epoch_ = epoch;
  key.group_public_key_ = internal::InterpolateInExponent(base, base_points, 0);
  key.public_shares_ = std::move(public_shares);
  return key;
}

Result<OprfElement> ThresholdPublicKey::public_share(std::uint32_t holder) const {
  if (holder < 1 || holder > holders()) {
    return Fail(Code::kInvalidArgument, "there is no " + HolderName(holder) + " in a key of " +
                                            std::to_string(holders()) + " holders");
  }
  return public_shares_[holder - 1];
}

// ---- KeyShare ----

Result<KeyShare> KeyShare::FromSecret(std::uint32_t holder, std::uint32_t epoch,
                                      const SecretBytes& secret) {
  if (holder < 1 || holder > kMaxKeyHolders) {
    return Fail(Code::kInvalidArgument,
                HolderName(holder) + " is outside 1.." + std::to_string(kMaxKeyHolders));
  }
  auto key = OprfKey::FromSecret(secret);  // the same checks: canonical and non-zero
  if (!key) {
    return Fail(Code::kInvalidArgument,
                "the share of " + HolderName(holder) + ": " + key.error().message);
  }
  auto scalar = SecretBytes::Copy(secret.view());
  if (!scalar) return tl::unexpected(scalar.error());
  return KeyShare(holder, epoch, std::move(*scalar), key->public_key());
}

Result<SecretBytes> KeyShare::ExportSecret() const { return SecretBytes::Copy(scalar_.view()); }

Result<PartialEvaluation> KeyShare::PartialEvaluate(std::span<const OprfElement> blinded) const {
  auto evaluation = internal::EvaluateWithProof(scalar_, public_share_, blinded, nullptr);
  if (!evaluation) return tl::unexpected(evaluation.error());
  return PartialEvaluation{holder_, epoch_, std::move(evaluation->evaluated), evaluation->proof};
}

// ---- Dealing ----

Result<DealtKey> DealThresholdKey(std::uint32_t threshold, std::uint32_t holders) {
  if (auto s = CheckParameters(threshold, holders); !s) return tl::unexpected(s.error());
  auto k = internal::NewSecretScalar();  // wiped when this scope ends
  if (!k) return tl::unexpected(k.error());
  return Share(*k, threshold, holders);
}

Result<DealtKey> SplitOprfKey(const OprfKey& key, std::uint32_t threshold, std::uint32_t holders) {
  if (auto s = CheckParameters(threshold, holders); !s) return tl::unexpected(s.error());
  auto k = key.ExportSecret();
  if (!k) return tl::unexpected(k.error());
  return Share(*k, threshold, holders);
}

// ---- Verification and combination ----

Status VerifyPartialEvaluation(const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
                               const PartialEvaluation& partial) {
  const std::string who = HolderName(partial.holder);
  auto public_share = key.public_share(partial.holder);
  if (!public_share) return tl::unexpected(public_share.error());
  if (partial.epoch != key.epoch()) {
    return Fail(Code::kUnauthenticated,
                who + " answered with a share of epoch " + std::to_string(partial.epoch) +
                    " but the key is at epoch " + std::to_string(key.epoch()) +
                    "; its share was not refreshed (or not yet)");
  }
  if (partial.evaluated.size() != blinded.size()) {
    return Fail(Code::kInvalidArgument,
                who + " returned " + std::to_string(partial.evaluated.size()) + " elements for " +
                    std::to_string(blinded.size()) + " blinded elements");
  }
  if (auto s = internal::CheckElements(partial.evaluated, who + "'s evaluated element"); !s) {
    return s;
  }
  auto verified = internal::VerifyProof(
      internal::kModeVoprf, {internal::Generator(), *public_share, blinded, partial.evaluated},
      partial.proof);
  if (!verified) {
    const bool failed = verified.error().code == Code::kUnauthenticated;
    return Fail(verified.error().code,
                failed ? who + "'s partial evaluation does not verify against its public share"
                       : who + "'s proof is malformed: " + verified.error().message);
  }
  return Ok();
}

Result<VerifiedPartialEvaluation> CheckPartialEvaluation(const ThresholdPublicKey& key,
                                                         std::span<const OprfElement> blinded,
                                                         PartialEvaluation partial) {
  if (blinded.empty()) return Fail(Code::kInvalidArgument, "no blinded elements to combine");
  if (auto s = internal::CheckElements(blinded, "blinded element"); !s) {
    return tl::unexpected(s.error());
  }
  return CheckAgainstDigest(key, blinded, BatchDigest(blinded), std::move(partial));
}

Result<VerifiedPartialEvaluation> CheckAgainstDigest(const ThresholdPublicKey& key,
                                                     std::span<const OprfElement> blinded,
                                                     const std::array<std::uint8_t, 32>& digest,
                                                     PartialEvaluation partial) {
  if (auto s = VerifyPartialEvaluation(key, blinded, partial); !s) {
    return tl::unexpected(s.error());
  }
  VerifiedPartialEvaluation verified;
  verified.holder_ = partial.holder;
  verified.epoch_ = partial.epoch;
  verified.evaluated_ = std::move(partial.evaluated);
  verified.batch_digest_ = digest;
  return verified;
}

Result<std::vector<OprfElement>> CombineVerifiedPartialEvaluations(
    const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
    std::span<const VerifiedPartialEvaluation> partials) {
  if (partials.size() < key.threshold()) {
    return Fail(Code::kInvalidArgument, std::to_string(partials.size()) +
                                            " partial evaluations; the key needs " +
                                            std::to_string(key.threshold()));
  }
  if (blinded.empty()) return Fail(Code::kInvalidArgument, "no blinded elements to combine");
  const auto digest = BatchDigest(blinded);
  std::vector<std::uint32_t> xs;
  xs.reserve(partials.size());
  for (const auto& p : partials) {
    if (std::find(xs.begin(), xs.end(), p.holder_) != xs.end()) {
      return Fail(Code::kInvalidArgument,
                  HolderName(p.holder_) + " appears twice; t different holders are needed");
    }
    if (p.batch_digest_ != digest || p.epoch_ != key.epoch() ||
        p.evaluated_.size() != blinded.size() || p.holder_ < 1 || p.holder_ > key.holders()) {
      return Fail(Code::kInvalidArgument, "the partial evaluation of " + HolderName(p.holder_) +
                                              " was checked against another batch or key");
    }
    xs.push_back(p.holder_);
  }
  // The Lagrange coefficients of public holder numbers are public, so each combined element
  // is one variable-time multi-scalar multiplication; the partials were validated when checked.
  const std::vector<internal::Scalar> lambdas = internal::LagrangeCoefficients(xs, 0);
  std::vector<OprfElement> combined(blinded.size());
  std::vector<Element> column(partials.size());
  for (std::size_t j = 0; j < blinded.size(); ++j) {
    for (std::size_t i = 0; i < partials.size(); ++i) column[i] = partials[i].evaluated_[j];
    combined[j] = internal::MultiScalarMult(lambdas, column);
  }
  return combined;
}

Result<std::vector<OprfElement>> CombinePartialEvaluations(
    const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
    std::span<const PartialEvaluation> partials) {
  if (partials.size() < key.threshold()) {
    return Fail(Code::kInvalidArgument, std::to_string(partials.size()) +
                                            " partial evaluations; the key needs " +
                                            std::to_string(key.threshold()));
  }
  if (blinded.empty()) return Fail(Code::kInvalidArgument, "no blinded elements to combine");
  std::vector<std::uint32_t> xs;
  xs.reserve(partials.size());
  for (const auto& p : partials) {
    if (std::find(xs.begin(), xs.end(), p.holder) != xs.end()) {
      return Fail(Code::kInvalidArgument,
                  HolderName(p.holder) + " appears twice; t different holders are needed");
    }
    xs.push_back(p.holder);
  }
  if (auto s = internal::CheckElements(blinded, "blinded element"); !s) {
    return tl::unexpected(s.error());
  }
  const auto digest = BatchDigest(blinded);
  std::vector<VerifiedPartialEvaluation> verified;
  verified.reserve(partials.size());
  for (const auto& p : partials) {
    auto checked = CheckAgainstDigest(key, blinded, digest, p);
    if (!checked) return tl::unexpected(checked.error());
    verified.push_back(std::move(*checked));
  }
  return CombineVerifiedPartialEvaluations(key, blinded, verified);
}

}  // namespace tandem::crypto
