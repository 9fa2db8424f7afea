// The audit-witness endpoints a node serves to its peers (purpose "audit-witness"):
//   checkpoint-request         {}                       -> {"checkpoint": C, "witnessed": C|null}
//       this node's latest signed checkpoint, and the last checkpoint of the ASKER's log that
//       this node co-signed (so the asker knows which consistency proof to bring);
//   cosign-request  {"checkpoint": C, "consistency": P}  -> {"cosignature": S}
//       co-signs the asker's checkpoint C after checking it against the last one co-signed,
//       with the consistency proof P from that size (first = 0 when none was co-signed);
//   inclusion-proof-request    {"leaf_index": i, "tree_size": n}     -> inclusion proof message
//   consistency-proof-request  {"first": m, "second": n}             -> consistency proof message
// Encodings of C, S and the proofs are node/audit/messages.h's (docs/audit-log.md).
#pragma once

#include <vector>

#include "node/audit/audit_log.h"
#include "node/exchange/inbound.h"

namespace tandem::node::endpoints {

std::vector<exchange::KindRoute> AuditRoutes(audit::AuditLog& log);

}  // namespace tandem::node::endpoints
