// Witnessing: a peer node checks another node's new checkpoint against the last checkpoint of
// that node it co-signed, and co-signs only when the log has grown consistently. A node that
// rolls its log back, or rewrites any entry it had already shown a witness, cannot get a
// co-signature for the result (docs/audit-log.md, "Witnessing").
#pragma once

#include <optional>
#include <span>

#include "core/result.h"
#include "crypto/merkle.h"
#include "crypto/signing.h"
#include "node/audit/checkpoint.h"
#include "protocol/ids.h"

namespace tandem::node::audit {

// Checks `presented` and returns its co-signature by `witness` (signed with `witness_key`):
// - `presented` must be signed by `node_key` (kUnauthenticated "bad checkpoint signature");
// - with a `last_cosigned` checkpoint: it must be of the same node (kInvalidArgument), the
//   tree must not be smaller (kUnauthenticated "rollback"), and `consistency_proof` must prove
//   that the last tree is a prefix of the presented one (kUnauthenticated "history
//   rewritten"); an equal size needs an empty proof and the same root.
// Without `last_cosigned` (the first time) no proof is needed. Pure and thread-safe.
Result<Cosignature> Witness(const crypto::VerifyingKey& node_key,
                            const std::optional<SignedCheckpoint>& last_cosigned,
                            const SignedCheckpoint& presented,
                            std::span<const crypto::MerkleHash> consistency_proof,
                            const protocol::NodeId& witness, const crypto::SigningKey& witness_key);

}  // namespace tandem::node::audit
