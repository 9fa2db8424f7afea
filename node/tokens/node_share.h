// The node's own share of the partnership OPRF key, kept in its encrypted store (schema step
// 3): importing a holder's share file into the store, and loading it back as a key handle with
// the partnership's public key. Free functions; a Store is used from one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/threshold_oprf.h"
#include "node/store/store.h"
#include "node/tokens/key_files.h"

namespace tandem::node::tokens {

struct NodeShare {
  std::string node;
  crypto::KeyShare share;
  PartnershipKey partnership;
  std::string imported_at;
};

// Why a share is stored: named in the audit entry that storing it queues.
enum class ShareChange { kImport, kRefresh };

// Stores `share` (read and checked by ReadShareFile), replacing an earlier share, and queues
// its audit entry in the same transaction (node/audit/local_entry.h): the change, the holder
// and epoch, and the SHA-256 of the partnership public key it came with. `imported_at` is
// RFC 3339 UTC (protocol/timestamp.h). kInvalidArgument when the store already holds a share
// of another node (a data directory belongs to one node) or `imported_at` is not a timestamp;
// store errors otherwise.
Status ImportShare(store::Store& store, const HolderShare& share, std::string_view imported_at,
                   ShareChange change);

// The stored share, nullopt when none was imported. kCorruption when the stored share does not
// match the stored public key.
Result<std::optional<NodeShare>> LoadNodeShare(store::Store& store);

}  // namespace tandem::node::tokens
