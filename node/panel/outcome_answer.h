// A partner's answer to an outcome-request, as the coordinator's outcome sync reads it
// (node/endpoints/outcome_route.h describes the exchange):
//   {"interventions": [{"intervention": "...", "started_on": "YYYY-MM-DD",
//                       "ended_on": "YYYY-MM-DD" or null, "completed": bool, ...}, ...],
//    "provenance": {...}}
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/panel/panel_book.h"
#include "core/result.h"

namespace tandem::node::panel {

// The interventions of one answer, for `case_id`, delivered by `agency`; an intervention counts
// as completed only when it has an end date. kUnauthenticated (the partner sent what no node
// sends) when the answer has no interventions list, an intervention has no id or start date,
// or a member has the wrong type.
Result<std::vector<core::panel::InterventionRecord>> DecodeOutcomeAnswer(
    std::string_view result_json, const std::string& case_id, core::AgencyKind agency);

}  // namespace tandem::node::panel
