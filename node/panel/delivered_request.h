// The body of POST /v1/interventions (node/panel/delivered_routes.h): an intervention this
// agency delivered to one of its own records,
//   {"export", "ref", "intervention", optional "category", "started_on": "YYYY-MM-DD",
//    optional "ended_on", "order_made_on", "order_expires_on" (dates or null),
//    optional "completed": true|false}
// Only the shape is read here; RecordDelivered checks the catalogue. Pure; thread-safe; never
// throws.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "node/panel/delivered_interventions.h"

namespace tandem::node::panel {

// The intervention (id 0, civil_order empty). kInvalidArgument naming the member when the body is
// not a JSON object, "export", "ref" or "intervention" is not a non-empty string, "category" is
// not a string, a date is not YYYY-MM-DD or "completed" is not a boolean.
Result<DeliveredIntervention> DecodeDeliveredIntervention(std::string_view body);

// The body for `item` (its id and civil_order are not part of it). Decoding it gives back every
// member the body carries.
std::string EncodeDeliveredIntervention(const DeliveredIntervention& item);

}  // namespace tandem::node::panel
