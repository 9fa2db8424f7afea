#include "core/panel/decision.h"

#include <set>

namespace tandem::core::panel {

std::string_view DecisionKindName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAdopt:
      return "adopt";
    case DecisionKind::kRefuse:
      return "refuse";
    case DecisionKind::kDefer:
      return "defer";
  }
  return "unknown";
}

Result<DecisionKind> DecisionKindFromName(std::string_view name) {
  for (DecisionKind kind : {DecisionKind::kAdopt, DecisionKind::kRefuse, DecisionKind::kDefer}) {
    if (DecisionKindName(kind) == name) return kind;
  }
  return Fail(Code::kInvalidArgument,
              "decision: '" + std::string(name.substr(0, 40)) + "' is not adopt, refuse or defer");
}

std::vector<DecisionReason> DefaultDecisionReasons() {
  using K = DecisionKind;
  return {
      {"high-harm-high-risk", K::kAdopt, "high harm and high risk of reoffending"},
      {"high-harm-low-risk", K::kAdopt, "high harm, lower risk of reoffending"},
      {"high-risk-low-harm", K::kAdopt, "high risk of reoffending, lower harm"},
      {"contextual-indicator", K::kAdopt,
       "contextual indicators (stalking, coercive control, strangulation, escalation)"},
      {"managed-elsewhere", K::kRefuse, "already managed elsewhere (MAPPA, IOM, probation)"},
      {"below-threshold", K::kRefuse, "harm and risk below what the unit manages"},
      {"no-recent-offending", K::kRefuse, "no recent offending"},
      {"in-custody", K::kRefuse, "in custody for the foreseeable future"},
      {"outside-area", K::kRefuse, "lives outside the partnership's area"},
      {"insufficient-information", K::kRefuse, "not enough information to act on"},
      {"awaiting-partner-information", K::kDefer, "waiting for a partner agency's information"},
      {"awaiting-investigation", K::kDefer, "waiting for an investigation's outcome"},
      {"out-of-time", K::kDefer, "not reached in the time of the meeting"},
  };
}

Status ValidateDecisionReasons(std::span<const DecisionReason> reasons) {
  std::set<std::string> ids;
  for (const DecisionReason& r : reasons) {
    if (r.id.empty() || r.text.empty()) {
      return Fail(Code::kInvalidArgument, "a decision reason needs an id and a text");
    }
    if (!ids.insert(r.id).second) {
      return Fail(Code::kInvalidArgument, "decision reason '" + r.id + "' appears twice");
    }
  }
  return Ok();
}

Status CheckDecisionReason(std::span<const DecisionReason> reasons, DecisionKind kind,
                           std::string_view reason_id) {
  std::string allowed;
  for (const DecisionReason& r : reasons) {
    if (r.kind != kind) continue;
    if (r.id == reason_id) return Ok();
    allowed += (allowed.empty() ? "" : ", ") + r.id;
  }
  return Fail(Code::kInvalidArgument, "'" + std::string(reason_id) + "' is not a reason to " +
                                          std::string(DecisionKindName(kind)) +
                                          "; the reasons are: " + allowed);
}

}  // namespace tandem::core::panel
