// The answers a witnessing node reads from a peer (node/exchange/witnessing.h):
//   checkpoint-request -> {"checkpoint": {...}, "witnessed": {checkpoint} or null}
//   cosign-request     -> {"cosignature": {co-signature}}
// Only the members this side reads are checked here: "witnessed" (the last checkpoint of this
// node's log that the peer co-signed) and "cosignature". Their contents are decoded by
// audit::DecodeCheckpoint and audit::DecodeCosignature; whether they are the peer's and verify
// is witnessing's to check. Pure; thread-safe; never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/audit/checkpoint.h"

namespace tandem::node::exchange {

// The checkpoint the peer last co-signed, nullopt when none. kInvalidArgument
// "checkpoint-request answer lacks 'witnessed'" when the answer is not a JSON object holding it,
// or audit::DecodeCheckpoint's error for a malformed checkpoint.
Result<std::optional<audit::SignedCheckpoint>> DecodeCheckpointRequestAnswer(
    std::string_view answer);

// The co-signature. kInvalidArgument "cosign-request answer lacks 'cosignature'" when the answer
// is not a JSON object holding it, or audit::DecodeCosignature's error for a malformed one.
Result<audit::Cosignature> DecodeCosignAnswer(std::string_view answer);

// The answers as a peer writes them (without the checkpoint-request answer's own "checkpoint",
// which this side does not read). Errors are audit::EncodeCheckpoint's / EncodeCosignature's.
Result<std::string> EncodeCheckpointRequestAnswer(
    const std::optional<audit::SignedCheckpoint>& witnessed);
Result<std::string> EncodeCosignAnswer(const audit::Cosignature& cosignature);

}  // namespace tandem::node::exchange
