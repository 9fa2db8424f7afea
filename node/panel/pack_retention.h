// Retention of what the coordinator received for case packs (docs/panel.md, "Retention of case
// packs"): the ISA keeps data received for hhpp-case-pack `retention_days` days. Every case-pack
// version in the panel journal assembled longer ago than that has the values the partners gave
// erased (core::panel::EraseContributedValues: field names, provenance, statuses and the
// coordinator's own parts stay), all such versions in one transaction with one audit entry of
// kind "retention" in the store's outbox, so the erasure and its record commit together. The
// freed space is zeroed and the WAL emptied. The node runs this at start and every hour.
// Free function over a Store (not thread-safe: callers serialise, endpoints::SharedStore).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "node/panel/pack_store.h"
#include "node/store/store.h"
#include "protocol/isa.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

// Erases what `isa`'s retention for hhpp-case-pack no longer allows `self` to keep at `now`.
// Nothing when the ISA has no such purpose or no version has expired (a version erased before
// is not counted again). kCorruption naming the journal entry for an entry whose time or pack
// does not read (nothing is erased then); the store's errors.
Result<ErasedPacks> EraseExpiredPackValues(store::Store& store, const protocol::Isa& isa,
                                           std::string_view self, protocol::Seconds now);

}  // namespace tandem::node::panel
