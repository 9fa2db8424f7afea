#include "core/panel/monitoring.h"

namespace tandem::core::panel {

std::optional<TriageReturn> ReturnsToTriage(const Date& monitored_since,
                                            std::span<const Occurrence> occurrences) {
  TriageReturn result;
  std::string list;
  for (const Occurrence& o : occurrences) {
    if (!IsAccused(o) || o.reported_on <= monitored_since) continue;
    result.occurrence_ids.push_back(o.id);
    list += (list.empty() ? "" : ", ") + o.id + " " + o.offence_code + " committed " +
            o.committed_on.ToIso();
  }
  if (result.occurrence_ids.empty()) return std::nullopt;
  result.reason = std::to_string(result.occurrence_ids.size()) +
                  " new incident(s) reported since " + monitored_since.ToIso() + ": " + list;
  return result;
}

}  // namespace tandem::core::panel
