// The local route where an agency's single point of contact records an intervention or civil
// order the agency delivered (docs/protocol.md §7):
//   POST /v1/interventions   (contributor)
//     {"export", "ref", "intervention", "started_on", "ended_on"?, "completed"?,
//      "category"?, "order_made_on"?, "order_expires_on"?}
//     -> {"id", "intervention", "category", "civil_order"}      (201)
// The record is one of this node's own; it stays here (delivered_interventions.h).
#pragma once

#include <functional>

#include "core/panel/catalogue.h"
#include "node/endpoints/shared_store.h"
#include "node/runtime/local_api.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

// `store` and `catalogue` must outlive the route.
runtime::LocalRoute DeliveredInterventionRoute(endpoints::SharedStore& store,
                                               const core::panel::InterventionCatalogue& catalogue,
                                               std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::panel
