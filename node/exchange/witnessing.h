// The logging side of witnessing (docs/audit-log.md, "Witnessing"): for each peer, ask which
// checkpoint of this node's log it last co-signed (checkpoint-request), then present the latest
// checkpoint with the consistency proof from that one (cosign-request), and store the
// co-signature it returns. A peer refuses a checkpoint that does not extend what it co-signed
// before, so a node that rolled back or rewrote its log is caught at the next round.
// Thread-safe as far as PeerExchange and AuditLog are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "node/audit/audit_log.h"
#include "node/exchange/outbound.h"
#include "node/isa/isa_policy.h"

namespace tandem::node::exchange {

struct WitnessOutcome {
  std::string peer;
  Status status;                // ok: the peer co-signed (or had already co-signed) the tree
  std::uint64_t tree_size = 0;  // the checkpoint it was asked to co-sign
};

// Runs one round with every other party of `policy`; one outcome per peer, in ISA order.
std::vector<WitnessOutcome> RunWitnessRound(PeerExchange& exchange, audit::AuditLog& log,
                                            const isa::IsaPolicy& policy);

}  // namespace tandem::node::exchange
