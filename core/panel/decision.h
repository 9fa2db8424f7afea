// Panel decisions on a new case (adopt, refuse, defer) and the closed list of reasons each may
// cite, as both evaluations asked that the reason for (non-)adoption be recorded. The reasons
// are data: DefaultDecisionReasons() is the local default; a partnership may extend it.
// Value types; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::core::panel {

enum class DecisionKind { kAdopt, kRefuse, kDefer };
std::string_view DecisionKindName(DecisionKind kind);  // "adopt", "refuse", "defer"
// The kind a name gives; kInvalidArgument "decision: '<name>' is not adopt, refuse or defer"
// (the name cut to 40 characters) for any other.
Result<DecisionKind> DecisionKindFromName(std::string_view name);

struct DecisionReason {
  std::string id;  // "high-harm-high-risk"
  DecisionKind kind = DecisionKind::kAdopt;
  std::string text;
};

// Adopt: the Surrey unit's priority order (high harm and high risk, high harm low risk, high
// risk low harm) and a contextual indicator; refuse: managed elsewhere (MAPPA, IOM, probation),
// below threshold, no recent offending, in custody, outside the area, insufficient information;
// defer: awaiting partner information, awaiting an investigation, out of time at the meeting.
std::vector<DecisionReason> DefaultDecisionReasons();

// Ok, or kInvalidArgument: empty or repeated id, empty text.
Status ValidateDecisionReasons(std::span<const DecisionReason> reasons);

// Why a reason cannot be used for `kind`: kInvalidArgument naming the reason and the reasons
// that can be, when it is not in the list or belongs to another kind.
Status CheckDecisionReason(std::span<const DecisionReason> reasons, DecisionKind kind,
                           std::string_view reason_id);

}  // namespace tandem::core::panel
