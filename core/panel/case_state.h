// The life of a case at the panel as a table of transitions: referred, triaged, put on a
// meeting's agenda, decided, managed or monitored, closed. Every change of state goes through
// ApplyEvent, which refuses an illegal one with a message saying what the case is and what is
// allowed. Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/result.h"

namespace tandem::core::panel {

enum class CaseState {
  kAwaitingTriage,  // referred, or returned to triage by a new incident
  kPutForward,      // triage sent it to the panel; waiting for a meeting (deferred ones too)
  kOnAgenda,        // on a planned meeting's agenda as a new case
  kManaged,         // adopted: the unit manages the person under a plan
  kMonitored,       // not put forward or refused: watched for new incidents
  kClosed,          // management or monitoring ended, with an outcome
};

enum class CaseEvent {
  kTriagedForward,     // triage: put forward
  kTriagedNotForward,  // triage: not put forward, monitored
  kScheduled,          // placed on a meeting's agenda
  kAdopted,
  kRefused,
  kDeferred,
  kReturnedToTriage,  // a new incident or referral of a monitored person
  kClosed,
};

std::string_view CaseStateName(CaseState state);  // "awaiting-triage", "put-forward", ...
std::string_view CaseEventName(CaseEvent event);  // "triaged-forward", ..., "closed"

// The state after `event`, or kInvalidArgument: "cannot adopt a case that is awaiting-triage;
// adopt applies to a case that is on-agenda".
Result<CaseState> ApplyEvent(CaseState state, CaseEvent event);

}  // namespace tandem::core::panel
