// The checkpoint's JSON members, shared by the signing input (checkpoint.cc) and the message
// codec (messages.cc), so both write exactly the same bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/audit/checkpoint.h"

namespace tandem::node::audit::internal {

// JCS of the checkpoint; with `with_sig` false, without its `sig` member (the signed part).
// kInvalidArgument for a time outside 1970..9999 or a tree size above 2^53 - 1.
Result<std::string> CheckpointJson(const SignedCheckpoint& checkpoint, bool with_sig);

// The checkpoint in a parsed object; errors name `what` and the member.
Result<SignedCheckpoint> CheckpointFromJson(const nlohmann::json& object, std::string_view what);

}  // namespace tandem::node::audit::internal
