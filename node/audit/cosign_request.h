// The body of cosign-request, which a logging node sends to each witness with its newest
// checkpoint (docs/audit-log.md, "Witnessing"):
//   {"checkpoint": {signed checkpoint}, "consistency": {consistency proof}}
// The consistency proof runs from the checkpoint the witness co-signed last to this one. Only the
// shape is read here (the members by DecodeCheckpoint and DecodeConsistencyProof); whether the
// checkpoint is the sender's and extends what the witness saw is AuditLog::WitnessCheckpoint's
// to check. Pure; thread-safe; never throws.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "node/audit/checkpoint.h"
#include "node/audit/messages.h"

namespace tandem::node::audit {

struct CosignRequest {
  SignedCheckpoint checkpoint;
  ConsistencyProofMessage consistency;

  bool operator==(const CosignRequest&) const = default;
};

// kInvalidArgument "cosign-request needs members checkpoint and consistency" when the body is
// not a JSON object holding both, or the member decoders' errors.
Result<CosignRequest> DecodeCosignRequest(std::string_view body);

// EncodeCheckpoint's errors.
Result<std::string> EncodeCosignRequest(const CosignRequest& request);

}  // namespace tandem::node::audit
