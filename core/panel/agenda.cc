#include "core/panel/agenda.h"

#include <algorithm>
#include <tuple>

namespace tandem::core::panel {

std::string_view AgendaItemKindName(AgendaItemKind kind) {
  return kind == AgendaItemKind::kNew ? "new" : "review";
}

std::vector<AgendaItem> BuildAgenda(std::span<const AgendaCandidate> candidates, std::size_t cap) {
  std::vector<AgendaCandidate> sorted(candidates.begin(), candidates.end());
  std::sort(sorted.begin(), sorted.end(), [](const AgendaCandidate& a, const AgendaCandidate& b) {
    return std::tie(a.kind, a.waiting_since, a.case_id) <
           std::tie(b.kind, b.waiting_since, b.case_id);
  });
  std::vector<AgendaItem> agenda;
  for (std::size_t i = 0; i < sorted.size() && i < cap; ++i) {
    agenda.push_back({sorted[i].case_id, sorted[i].kind});
  }
  return agenda;
}

}  // namespace tandem::core::panel
