#include "crypto/share_refresh.h"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "crypto/internal/ristretto.h"
#include "crypto/internal/shamir.h"

namespace tandem::crypto {
namespace {

using internal::Element;

std::string DealerName(std::uint32_t dealer) { return "refresh dealer " + std::to_string(dealer); }

// The commitment is for this key: right epoch, a holder as dealer, t-1 valid coefficients.
Status CheckCommitment(const ThresholdPublicKey& key, const RefreshCommitment& commitment) {
  const std::string who = DealerName(commitment.dealer);
  if (commitment.dealer < 1 || commitment.dealer > key.holders()) {
    return Fail(Code::kInvalidArgument, who + " is not a holder of this key");
  }
  if (commitment.epoch != key.epoch()) {
    return Fail(Code::kInvalidArgument,
                who + " refreshes epoch " + std::to_string(commitment.epoch) +
                    " but the key is at epoch " + std::to_string(key.epoch()));
  }
  if (commitment.coefficients.size() != key.threshold() - 1) {
    return Fail(Code::kInvalidArgument,
                who + " committed to " + std::to_string(commitment.coefficients.size()) +
                    " coefficients; a threshold of " + std::to_string(key.threshold()) + " needs " +
                    std::to_string(key.threshold() - 1));
  }
  for (const auto& c : commitment.coefficients) {
    if (auto e = internal::DeserializeElement(c, who + "'s commitment"); !e) {
      return tl::unexpected(e.error());
    }
  }
  return Ok();
}

Status CheckCommitments(const ThresholdPublicKey& key,
                        std::span<const RefreshCommitment> commitments) {
  if (commitments.empty()) return Fail(Code::kInvalidArgument, "a refresh needs a dealer");
  std::vector<std::uint32_t> dealers;
  for (const auto& c : commitments) {
    if (auto s = CheckCommitment(key, c); !s) return s;
    if (std::find(dealers.begin(), dealers.end(), c.dealer) != dealers.end()) {
      return Fail(Code::kInvalidArgument, DealerName(c.dealer) + " appears twice");
    }
    dealers.push_back(c.dealer);
  }
  return Ok();
}

// sum_j sum_l x^l * a_(j,l) * G: how far the refresh moves holder x's public share.
Element CommittedShift(std::span<const RefreshCommitment> commitments, std::uint32_t x) {
  Element shift{};
  for (const auto& c : commitments) {
    shift = internal::Add(shift, internal::EvaluateCommitments(c.coefficients, x));
  }
  return shift;
}

}  // namespace

Result<RefreshDealing> DealRefresh(const ThresholdPublicKey& key, std::uint32_t dealer) {
  if (dealer < 1 || dealer > key.holders()) {
    return Fail(Code::kInvalidArgument, DealerName(dealer) + " is not a holder of this key");
  }
  auto polynomial = internal::SecretPolynomial::Random(key.threshold(), nullptr);
  if (!polynomial) return tl::unexpected(polynomial.error());
  RefreshDealing dealing;
  dealing.commitment = {dealer, key.epoch(), polynomial->CommitNonConstantCoefficients()};
  for (std::uint32_t x = 1; x <= key.holders(); ++x) {
    auto value = polynomial->EvaluateAt(x);
    if (!value) return tl::unexpected(value.error());
    dealing.subshares.push_back(std::move(*value));
  }
  return dealing;
}

Status VerifyRefreshSubshare(const ThresholdPublicKey& key, const RefreshCommitment& commitment,
                             std::uint32_t holder, const SecretBytes& subshare) {
  if (auto s = CheckCommitment(key, commitment); !s) return s;
  if (subshare.size() != internal::kScalarBytes ||
      !internal::IsCanonicalScalar(internal::ScalarView(subshare))) {
    return Fail(Code::kInvalidArgument,
                DealerName(commitment.dealer) + "'s sub-share is not a canonical 32-byte scalar");
  }
  const Element expected = internal::EvaluateCommitments(commitment.coefficients, holder);
  if (internal::BaseMult(internal::ScalarView(subshare)) != expected) {
    return Fail(Code::kUnauthenticated, DealerName(commitment.dealer) + "'s sub-share for holder " +
                                            std::to_string(holder) +
                                            " does not match its commitment");
  }
  return Ok();
}

Result<KeyShare> ApplyRefresh(const KeyShare& share, const ThresholdPublicKey& key,
                              std::span<const RefreshCommitment> commitments,
                              std::span<const SecretBytes> subshares) {
  if (share.epoch() != key.epoch()) {
    return Fail(Code::kInvalidArgument, "the share is of epoch " + std::to_string(share.epoch()) +
                                            " but the key is at epoch " +
                                            std::to_string(key.epoch()));
  }
  auto own_public = key.public_share(share.holder());
  if (!own_public) return tl::unexpected(own_public.error());
  if (*own_public != share.public_share()) {
    return Fail(Code::kInvalidArgument, "the share does not belong to this key");
  }
  if (auto s = CheckCommitments(key, commitments); !s) return tl::unexpected(s.error());
  if (subshares.size() != commitments.size()) {
    return Fail(Code::kInvalidArgument, std::to_string(subshares.size()) + " sub-shares for " +
                                            std::to_string(commitments.size()) + " commitments");
  }
  auto updated = share.ExportSecret();
  if (!updated) return tl::unexpected(updated.error());
  for (std::size_t j = 0; j < commitments.size(); ++j) {
    if (auto s = VerifyRefreshSubshare(key, commitments[j], share.holder(), subshares[j]); !s) {
      return tl::unexpected(s.error());
    }
    crypto_core_ristretto255_scalar_add(updated->data(), updated->data(), subshares[j].data());
  }
  return KeyShare::FromSecret(share.holder(), key.epoch() + 1, *updated);
}

Result<ThresholdPublicKey> RefreshPublicKey(const ThresholdPublicKey& key,
                                            std::span<const RefreshCommitment> commitments) {
  if (auto s = CheckCommitments(key, commitments); !s) return tl::unexpected(s.error());
  std::vector<OprfElement> public_shares;
  for (std::uint32_t x = 1; x <= key.holders(); ++x) {
    public_shares.push_back(
        internal::Add(key.public_shares()[x - 1], CommittedShift(commitments, x)));
  }
  return ThresholdPublicKey::Create(key.threshold(), key.epoch() + 1, std::move(public_shares));
}

}  // namespace tandem::crypto
