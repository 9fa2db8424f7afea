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

// Stores `share` (read and checked by ReadShareFile), replacing an earlier share. `imported_at`
// is ISO 8601 UTC. kInvalidArgument when the store already holds a share of another node (a
// data directory belongs to one node); store errors otherwise.
Status ImportShare(store::Store& store, const HolderShare& share, std::string_view imported_at);

// The stored share, nullopt when none was imported. kCorruption when the stored share does not
// match the stored public key.
Result<std::optional<NodeShare>> LoadNodeShare(store::Store& store);

}  // namespace tandem::node::tokens
