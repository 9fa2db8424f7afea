// Proactive refresh of a Shamir-shared OPRF key: every holder's share changes and the key k
// stays the same, so a share stolen before a refresh is useless with shares taken after it.
//
// Round: each participating holder j draws a random polynomial d_j of degree t-1 with
// d_j(0) = 0, publishes Feldman commitments a_(j,l) * G for l = 1..t-1, and sends d_j(i) to each
// holder i over a private channel. Holder i checks every sub-share against its commitment
// (naming the dealer of a bad one), and its new share is share_i + sum_j d_j(i). Everyone
// derives the new public shares from the old ones and the commitments alone. Since
// sum_j d_j(0) = 0, the new shares interpolate to the same k; the epoch goes up by one, and a
// partial evaluation from an old share no longer verifies against the new public shares.
// Every holder must apply the same set of commitments (the coordinator fixes and signs it).
//
// Errors: kInvalidArgument for malformed input (wrong epoch, repeated dealer, wrong number of
// coefficients or sub-shares, invalid elements); kUnauthenticated when a sub-share does not
// match its dealer's commitment (the message names the dealer); kInternal when secure memory
// runs out. Thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/oprf.h"
#include "crypto/secret_bytes.h"
#include "crypto/threshold_oprf.h"

namespace tandem::crypto {

// Public: dealer index, the epoch being refreshed, and a_(j,l) * G for l = 1..t-1.
struct RefreshCommitment {
  std::uint32_t dealer = 0;
  std::uint32_t epoch = 0;
  std::vector<OprfElement> coefficients;
};

// One dealer's contribution: the public commitment and the private sub-shares, where
// subshares[i - 1] = d_j(i) goes to holder i only. Move-only.
struct RefreshDealing {
  RefreshCommitment commitment;
  std::vector<SecretBytes> subshares;
};

// Holder `dealer` deals its refresh polynomial for `key`. kInvalidArgument when dealer is not a
// holder of the key.
Result<RefreshDealing> DealRefresh(const ThresholdPublicKey& key, std::uint32_t dealer);

// Checks d_j(holder) * G == sum_l holder^l * a_(j,l) * G. kUnauthenticated (naming the dealer)
// when it does not hold; kInvalidArgument when the commitment is malformed for `key`.
Status VerifyRefreshSubshare(const ThresholdPublicKey& key, const RefreshCommitment& commitment,
                             std::uint32_t holder, const SecretBytes& subshare);

// The holder's new share: share + sum of its sub-shares, each verified first. subshares[j] is
// the sub-share from commitments[j].dealer. The share must be of `key`'s epoch; the new share
// is of the next epoch.
Result<KeyShare> ApplyRefresh(const KeyShare& share, const ThresholdPublicKey& key,
                              std::span<const RefreshCommitment> commitments,
                              std::span<const SecretBytes> subshares);

// The public key after the refresh: same t and n, epoch + 1, public shares moved by the
// committed polynomials. Its group public key equals the old one.
Result<ThresholdPublicKey> RefreshPublicKey(const ThresholdPublicKey& key,
                                            std::span<const RefreshCommitment> commitments);

}  // namespace tandem::crypto
