// The file one key holder writes in a share refresh round (docs/oprf.md, "Rotation"):
// refresh-<epoch>-<node>.json, public and safe to pass over any channel. It carries the
// holder's Feldman commitments and, for every holder (itself included), that holder's sub-share
// sealed to the Ed25519 identity key the ISA lists for it; the dealer signs the whole with its
// own identity key (node/signed_json.h, domain "tandem-oprf-refresh-dealing-v1").
//
//   {"format": "tandem-oprf-refresh-dealing-v1", "suite": "ristretto255-SHA512",
//    "group_public_key": "<64 hex>", "epoch": 0, "dealer": "police", "dealer_index": 1,
//    "commitments": ["<64 hex>", ...],                       (t - 1 of them)
//    "subshares": [{"index": 1, "node": "police", "sealed": "<160 hex>"}, ...],  (n of them)
//    "signature": {...}}
//
// Parsing is strict and checks the file against the partnership key a holder has now: the same
// group key and epoch, a dealer that is the holder it claims, t - 1 valid commitments, one
// sealed sub-share per holder in order, and the dealer's signature under its ISA key. Errors
// name the file's dealer where it is known. Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/share_refresh.h"
#include "crypto/signing.h"
#include "node/tokens/key_files.h"

namespace tandem::node::tokens {

inline constexpr std::string_view kRefreshDealingFormat = "tandem-oprf-refresh-dealing-v1";

struct RefreshDealing {
  std::string dealer;
  crypto::RefreshCommitment commitment;
  std::vector<std::vector<std::uint8_t>> sealed;  // sealed[i - 1]: holder i's sub-share, sealed
};

// The file name of `dealer`'s dealing for `epoch`: "refresh-<epoch>-<dealer>.json".
std::string RefreshDealingFileName(std::uint32_t epoch, std::string_view dealer);

// Deals holder `dealer` (a node id of `key`) a refresh of `key`, seals each sub-share to
// holder_keys[i - 1] and signs the file with `identity`. kInvalidArgument when `dealer` is not a
// holder or holder_keys does not have one key per holder. The sub-shares exist only in secure
// memory and, sealed, in the returned text.
Result<std::string> DealRefreshFile(const PartnershipKey& key, std::string_view dealer,
                                    std::span<const crypto::VerifyingKey> holder_keys,
                                    const crypto::SigningKey& identity);

// Parses and checks a dealing for `key` (see above). kInvalidArgument for a malformed file or
// one of another key or epoch; kUnauthenticated when the signature does not verify under the
// dealer's key in holder_keys.
Result<RefreshDealing> ParseRefreshDealing(std::string_view text, const PartnershipKey& key,
                                           std::span<const crypto::VerifyingKey> holder_keys);

}  // namespace tandem::node::tokens
