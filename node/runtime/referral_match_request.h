// The body of POST /v1/referrals/match (node/runtime/referral_api.h):
//   {"export": "<export kind>", "ref": "<record reference>"}
// Only the shape is read here; the store decides whether the record exists. Pure; thread-safe;
// never throws.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::runtime {

struct ReferralMatchRequest {
  std::string export_kind;
  std::string ref;
};

// The record named. kInvalidArgument "body must be {"export": string, "ref": string}" when the
// body is not a JSON object with those two string members (other members are ignored).
Result<ReferralMatchRequest> DecodeReferralMatchRequest(std::string_view body);

// The body for `request` (valid UTF-8, as every decoded one is). Decoding it gives it back.
std::string EncodeReferralMatchRequest(const ReferralMatchRequest& request);

}  // namespace tandem::node::runtime
