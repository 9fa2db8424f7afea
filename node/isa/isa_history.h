// The audit of agreement changes (docs/isa.md, "The ISA history"): the node records each
// version of the ISA it puts in force — at start and at every reload — once, in the store's ISA
// history, with an audit entry of kind "isa-change" queued in the same transaction, so the log
// says from when the node worked under which agreement, whether the new version came by a
// restart or a reload. The entry names the agreement (isa_id, isa_version), the version it
// replaced, and the SHA-256 of the bytes every party signed (request_sha256; `tandem isa show`
// prints the same digest), never a key. Free function over a Store (not thread-safe: callers
// serialise, endpoints::SharedStore).
#pragma once

#include <string_view>

#include "core/result.h"
#include "node/store/store.h"
#include "protocol/isa.h"
#include "protocol/timestamp.h"

namespace tandem::node::isa {

// Hex SHA-256 of IsaSigningBytes(isa): what the parties signed. kInvalidArgument as
// IsaSigningBytes.
Result<std::string> SignedContentSha256(const protocol::Isa& isa);

// Records `isa` as in force at `self` from `now`, unless the history's last row is already this
// document (same id, version and signed content): then nothing is written and the result is
// false. Errors: those of the store and of encoding the entry; nothing is recorded then.
Result<bool> RecordIsaInForce(store::Store& store, const protocol::Isa& isa, std::string_view self,
                              protocol::Seconds now);

}  // namespace tandem::node::isa
