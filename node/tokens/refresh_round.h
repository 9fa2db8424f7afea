// A holder's part in a share refresh round of the partnership OPRF key (docs/oprf.md,
// "Rotation"), on its own store: dealing its refresh file, and applying a complete round — a
// dealing from every holder — to the share it keeps. After every holder has applied the same
// round, each holds a new share of the same key (every token stays the same) at epoch + 1, and
// a share stolen before the round cannot be combined with shares taken after it.
//
// Every holder deals, and a holder applies only a round with exactly one dealing from each
// holder: so the set of commitments is fixed by the key itself and every holder applies the
// same set without a coordinator. A round is applied in two steps: every holder first checks
// it (CheckRefreshRound, which writes nothing) and reports the fingerprint of the new public
// key it computes; only when every holder's check passed with the same fingerprint does every
// holder apply it. So a wrong sub-share, or a dealer that sent different files to different
// holders, stops the round before any share changes. Free functions; a Store is used from one
// thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/signing.h"
#include "node/store/store.h"
#include "node/tokens/node_share.h"
#include "protocol/isa.h"

namespace tandem::node::tokens {

// The Ed25519 identity keys of the key's holders, from the ISA: [i - 1] is holder i's.
// kPermissionDenied when a holder is not a party of the ISA.
Result<std::vector<crypto::VerifyingKey>> HolderIdentityKeys(const PartnershipKey& key,
                                                             const protocol::Isa& isa);

struct AppliedRefresh {
  std::uint32_t epoch = 0;           // the new epoch
  std::vector<std::string> dealers;  // in holder order
  std::string public_key_sha256;     // of the new public key's JSON; equal at every holder
};

struct CheckedRefresh {
  HolderShare share;  // this holder's new share and the new public key
  AppliedRefresh summary;
};

// Checks the round in `dealings` (the texts of the holders' dealing files, in any order) for
// `own`, this holder's current share, and computes its new share without storing it: each
// dealing is parsed and checked (refresh_dealing.h), this holder's sub-shares are opened with
// `identity` and checked against their dealers' commitments. Errors: kInvalidArgument for a
// malformed dealing, a dealing of another key or epoch (an earlier epoch: "already applied"),
// a holder's dealing given twice or missing (the message names the holders); kUnauthenticated
// naming the dealer whose signature, sealed sub-share or sub-share does not check.
Result<CheckedRefresh> CheckRefreshRound(const NodeShare& own,
                                         std::span<const std::string> dealings,
                                         std::span<const crypto::VerifyingKey> holder_keys,
                                         const crypto::SigningKey& identity);

// CheckRefreshRound, then the new share and public key replace the old ones in `store` in one
// write (the old share's bytes are overwritten). Nothing is written unless every check passes;
// the errors are CheckRefreshRound's and the store's.
Result<AppliedRefresh> ApplyRefreshRound(store::Store& store, const NodeShare& own,
                                         std::span<const std::string> dealings,
                                         std::span<const crypto::VerifyingKey> holder_keys,
                                         const crypto::SigningKey& identity,
                                         std::string_view applied_at);

}  // namespace tandem::node::tokens
