// People not adopted stay monitored (both evaluations asked for it): a new incident after the
// decision returns them to triage. Pure; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/occurrence.h"

namespace tandem::core::panel {

struct TriageReturn {
  std::string reason;  // "2 new incident(s) since 2026-05-01: OC9 ABH committed 2026-06-02, ..."
  std::vector<std::string> occurrence_ids;
};

// Whether a person monitored since `monitored_since` goes back to triage: yes when any
// occurrence they are accused of was reported after that date (an incident the panel could
// not have known when it decided, even if committed earlier). Victim and witness occurrences
// do not count. nullopt when none.
std::optional<TriageReturn> ReturnsToTriage(const Date& monitored_since,
                                            std::span<const Occurrence> occurrences);

}  // namespace tandem::core::panel
