// Agenda building for a panel meeting: new cases first (oldest waiting first), then reviews of
// managed cases (longest since last discussed first), up to a cap, as the evaluations advise
// (Surrey kept its meeting to new cases and under two hours). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace tandem::core::panel {

enum class AgendaItemKind { kNew, kReview };
std::string_view AgendaItemKindName(AgendaItemKind kind);  // "new", "review"

struct AgendaCandidate {
  std::string case_id;
  AgendaItemKind kind = AgendaItemKind::kNew;
  Date waiting_since = Date::FromDaysSinceEpoch(0);  // put forward on / last discussed on
};

struct AgendaItem {
  std::string case_id;
  AgendaItemKind kind = AgendaItemKind::kNew;
};

// The first `cap` candidates in agenda order: new before review; within a kind, earlier
// waiting_since first; then case id. Candidates beyond the cap are left for the next meeting.
std::vector<AgendaItem> BuildAgenda(std::span<const AgendaCandidate> candidates, std::size_t cap);

}  // namespace tandem::core::panel
