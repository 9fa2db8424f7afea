#include "core/panel/case_state.h"

#include <array>
#include <string>

namespace tandem::core::panel {
namespace {

using S = CaseState;
using E = CaseEvent;

struct Transition {
  S from;
  E event;
  S to;
};

constexpr std::array<Transition, 12> kTransitions = {{
    {S::kAwaitingTriage, E::kTriagedForward, S::kPutForward},
    {S::kAwaitingTriage, E::kTriagedNotForward, S::kMonitored},
    {S::kPutForward, E::kScheduled, S::kOnAgenda},
    {S::kOnAgenda, E::kAdopted, S::kManaged},
    {S::kOnAgenda, E::kRefused, S::kMonitored},
    {S::kOnAgenda, E::kDeferred, S::kPutForward},
    {S::kMonitored, E::kReturnedToTriage, S::kAwaitingTriage},
    {S::kAwaitingTriage, E::kClosed, S::kClosed},
    {S::kPutForward, E::kClosed, S::kClosed},
    {S::kManaged, E::kClosed, S::kClosed},
    {S::kMonitored, E::kClosed, S::kClosed},
    // A closed case whose person is referred again starts over at triage.
    {S::kClosed, E::kReturnedToTriage, S::kAwaitingTriage},
}};

constexpr std::array<std::string_view, 6> kStateNames = {
    "awaiting-triage", "put-forward", "on-agenda", "managed", "monitored", "closed"};
constexpr std::array<std::string_view, 8> kEventNames = {
    "triaged-forward", "triaged-not-forward", "scheduled", "adopted", "refused",
    "deferred",        "returned-to-triage",  "closed"};

}  // namespace

std::string_view CaseStateName(CaseState state) {
  return kStateNames[static_cast<std::size_t>(state)];
}

std::string_view CaseEventName(CaseEvent event) {
  return kEventNames[static_cast<std::size_t>(event)];
}

Result<CaseState> ApplyEvent(CaseState state, CaseEvent event) {
  std::string allowed;
  for (const Transition& t : kTransitions) {
    if (t.event != event) continue;
    if (t.from == state) return t.to;
    allowed += std::string(allowed.empty() ? "" : " or ") + std::string(CaseStateName(t.from));
  }
  return Fail(Code::kInvalidArgument, "a case that is " + std::string(CaseStateName(state)) +
                                          " cannot be " + std::string(CaseEventName(event)) +
                                          "; only a case that is " + allowed + " can");
}

}  // namespace tandem::core::panel
