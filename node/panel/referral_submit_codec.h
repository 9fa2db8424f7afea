// The bytes a referral-submit exchange reads from outside the node (node/panel/referral_submit.h
// describes the exchange):
//   the partner's local request   {"export", "ref", "reason", "referrer"}, each a non-empty string
//   the coordinator's body         {"tokens": [<match-query tokens>], "reason", "referrer"}
//   the coordinator's answer       {"known": true|false, "referral_id": "..."}
// Errors are kInvalidArgument naming the member, never a value. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/endpoints/match_codec.h"

namespace tandem::node::panel {

struct ReferralRequest {
  std::string export_kind;
  std::string ref;
  std::string reason;
  std::string referrer;
};

// The partner's POST /v1/referrals/submit body.
Result<ReferralRequest> DecodeReferralRequest(std::string_view body);

struct ReferralSubmission {
  std::vector<endpoints::QueryToken> tokens;  // as DecodeMatchQuery reads them
  std::string reason;
  std::string referrer;
};

// The referral-submit body the coordinator receives.
Result<ReferralSubmission> DecodeReferralSubmission(std::string_view body);

struct ReferralAnswer {
  bool known = false;
  std::optional<std::string> referral_id;
};

// The coordinator's answer. Anything but a JSON object reads as not known (as before the
// exchange had answers); an object whose "known" or "referral_id" has the wrong type is an error.
Result<ReferralAnswer> DecodeReferralAnswer(std::string_view result_json);

}  // namespace tandem::node::panel
