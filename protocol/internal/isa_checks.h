// The value and cross-reference rules of an ISA (docs/isa.md, "Rules"): ranges, text forms,
// unique ids, clauses and OPRF holders that name parties, a threshold within the holders.
// Run on every parsed ISA and on every ISA built in code before it is encoded or signed.
#pragma once

#include "core/result.h"
#include "protocol/isa.h"

namespace tandem::protocol::internal {

// Success when `isa` follows every rule; otherwise kInvalidArgument naming the first field that
// breaks one ("isa field 'purposes[2].clauses[0].from[1]': 'polise' is not a party").
Status CheckIsa(const Isa& isa);

}  // namespace tandem::protocol::internal
