// The partnership's OPRF key, Shamir-shared t-of-n across the nodes so that no node can compute
// tokens alone (and so none can run an offline dictionary attack on them).
//
// A requesting node blinds its input as an RFC 9497 OPRF-mode client (oprf.h). Each of t key
// holders answers with a partial evaluation share_i * blinded and an RFC 9497 VOPRF-mode DLEQ
// proof that it used the share behind its public share share_i * G (batched: one proof for
// all elements of a request). The requester verifies every proof, naming the holder whose
// proof fails, combines the partials with Lagrange coefficients at 0 in the exponent, and
// finalises as an OPRF-mode client. The result equals the single-key OPRF output under the
// shared key k = f(0), bit for bit.
//
// Keys are dealt by a dealer that draws k, hands out the shares and wipes k (DealThresholdKey);
// docs/oprf.md says what a distributed key generation would add. share_refresh.h renews the
// shares without changing k.
//
// Errors: kInvalidArgument for malformed input (bad parameters, bad elements, fewer than t
// partials, repeated or unknown holders); kUnauthenticated when a partial evaluation's proof
// fails or it comes from another epoch of the key, with the holder's index in the message;
// kInternal when secure memory runs out. Thread-safety: thread-compatible; const methods may
// run concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/oprf.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto {

inline constexpr std::uint32_t kMaxKeyHolders = 255;

// The public side of a shared key: t, n, the epoch (0 when dealt, +1 per refresh) and every
// holder's public share share_i * G, holders numbered 1..n. Copyable.
class ThresholdPublicKey {
 public:
  // kInvalidArgument unless 1 <= threshold <= n <= 255, every public share is a valid
  // non-identity element, and the n public shares lie on one polynomial of degree < t (so any
  // t holders reconstruct the same key).
  static Result<ThresholdPublicKey> Create(std::uint32_t threshold, std::uint32_t epoch,
                                           std::vector<OprfElement> public_shares);

  std::uint32_t threshold() const { return threshold_; }
  std::uint32_t holders() const { return static_cast<std::uint32_t>(public_shares_.size()); }
  std::uint32_t epoch() const { return epoch_; }
  // kInvalidArgument when holder is outside 1..n.
  Result<OprfElement> public_share(std::uint32_t holder) const;
  const std::vector<OprfElement>& public_shares() const { return public_shares_; }
  // k * G for the shared key k: the single-key VOPRF public key it corresponds to.
  const OprfElement& group_public_key() const { return group_public_key_; }

 private:
  ThresholdPublicKey() = default;
  std::uint32_t threshold_ = 0;
  std::uint32_t epoch_ = 0;
  std::vector<OprfElement> public_shares_;
  OprfElement group_public_key_{};
};

// One holder's evaluation of a batch of blinded elements under its share, with one proof.
struct PartialEvaluation {
  std::uint32_t holder = 0;
  std::uint32_t epoch = 0;
  std::vector<OprfElement> evaluated;  // share * blinded[i], in request order
  OprfProof proof{};
};

// One holder's share: index, epoch, the secret scalar f(index) in secure memory and its public
// share. Move-only; wiped when it goes away.
class KeyShare {
 public:
  // kInvalidArgument unless 1 <= holder <= 255 and `secret` is a canonical non-zero scalar.
  static Result<KeyShare> FromSecret(std::uint32_t holder, std::uint32_t epoch,
                                     const SecretBytes& secret);

  KeyShare(KeyShare&&) noexcept = default;
  KeyShare& operator=(KeyShare&&) noexcept = default;
  KeyShare(const KeyShare&) = delete;
  KeyShare& operator=(const KeyShare&) = delete;

  std::uint32_t holder() const { return holder_; }
  std::uint32_t epoch() const { return epoch_; }
  const OprfElement& public_share() const { return public_share_; }

  // The 32-byte share, for keeping it (encrypted) in the holder's store.
  Result<SecretBytes> ExportSecret() const;

  // VOPRF-mode BlindEvaluate of a batch under the share. kInvalidArgument when `blinded` is
  // empty, over 65535 elements, or holds an invalid element.
  Result<PartialEvaluation> PartialEvaluate(std::span<const OprfElement> blinded) const;

 private:
  KeyShare(std::uint32_t holder, std::uint32_t epoch, SecretBytes scalar,
           const OprfElement& public_share)
      : holder_(holder), epoch_(epoch), scalar_(std::move(scalar)), public_share_(public_share) {}

  std::uint32_t holder_ = 0;
  std::uint32_t epoch_ = 0;
  SecretBytes scalar_;
  OprfElement public_share_{};
};

struct DealtKey {
  ThresholdPublicKey public_key;
  std::vector<KeyShare> shares;  // shares[i] belongs to holder i + 1
};

// Draws a key k from the CSPRNG, shares it t-of-n (coefficients from the CSPRNG) and wipes k
// and the polynomial before returning. kInvalidArgument unless 1 <= t <= n <= 255.
Result<DealtKey> DealThresholdKey(std::uint32_t threshold, std::uint32_t holders);

// Shares an existing key t-of-n (for migrating a single key, and for tests that compare the
// threshold output with the single-key output). The caller still owns `key`.
Result<DealtKey> SplitOprfKey(const OprfKey& key, std::uint32_t threshold, std::uint32_t holders);

// Checks one partial evaluation of `blinded` against the holder's public share: right epoch,
// one valid element per blinded element, and a proof that verifies. kUnauthenticated (naming
// the holder) when the proof fails or the epoch differs; kInvalidArgument otherwise.
Status VerifyPartialEvaluation(const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
                               const PartialEvaluation& partial);

// A partial evaluation that passed VerifyPartialEvaluation for one batch of blinded elements
// (it remembers a digest of the batch). Only CheckPartialEvaluation makes one, so combining
// verified partials cannot skip a proof. Copyable; public values only.
class VerifiedPartialEvaluation {
 public:
  std::uint32_t holder() const { return holder_; }
  std::uint32_t epoch() const { return epoch_; }
  const std::vector<OprfElement>& evaluated() const { return evaluated_; }

 private:
  friend Result<VerifiedPartialEvaluation> CheckPartialEvaluation(const ThresholdPublicKey&,
                                                                  std::span<const OprfElement>,
                                                                  PartialEvaluation);
  friend Result<VerifiedPartialEvaluation> CheckAgainstDigest(const ThresholdPublicKey&,
                                                              std::span<const OprfElement>,
                                                              const std::array<std::uint8_t, 32>&,
                                                              PartialEvaluation);
  friend Result<std::vector<OprfElement>> CombineVerifiedPartialEvaluations(
      const ThresholdPublicKey&, std::span<const OprfElement>,
      std::span<const VerifiedPartialEvaluation>);
  std::uint32_t holder_ = 0;
  std::uint32_t epoch_ = 0;
  std::vector<OprfElement> evaluated_;
  std::array<std::uint8_t, 32> batch_digest_{};
};

// VerifyPartialEvaluation, keeping the verified partial for CombineVerifiedPartialEvaluations:
// for callers that collect answers one at a time and want to know which holder failed (to ask
// another) without verifying anything twice. Errors as VerifyPartialEvaluation.
Result<VerifiedPartialEvaluation> CheckPartialEvaluation(const ThresholdPublicKey& key,
                                                         std::span<const OprfElement> blinded,
                                                         PartialEvaluation partial);

// Combines partials already checked against this `blinded` batch (no proof is verified again):
// k * blinded[i] for each i. kInvalidArgument for fewer than t partials, a repeated holder, or
// a partial checked against another batch or key epoch.
Result<std::vector<OprfElement>> CombineVerifiedPartialEvaluations(
    const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
    std::span<const VerifiedPartialEvaluation> partials);

// Verifies every partial (as VerifyPartialEvaluation) and combines them with Lagrange
// coefficients at 0: the result is k * blinded[i] for each i, ready for OprfClient::Finalize.
// kInvalidArgument for fewer than t partials, a repeated or unknown holder, or lists of the
// wrong length; kUnauthenticated, naming the first holder whose partial fails.
Result<std::vector<OprfElement>> CombinePartialEvaluations(
    const ThresholdPublicKey& key, std::span<const OprfElement> blinded,
    std::span<const PartialEvaluation> partials);

// CheckPartialEvaluation for a batch whose elements were checked and digested once already
// (CombinePartialEvaluations checks t partials of one batch). Not for other callers.
Result<VerifiedPartialEvaluation> CheckAgainstDigest(const ThresholdPublicKey& key,
                                                     std::span<const OprfElement> blinded,
                                                     const std::array<std::uint8_t, 32>& digest,
                                                     PartialEvaluation partial);

}  // namespace tandem::crypto
