// The outcome-request endpoint (purpose "hhpp-outcomes"): the coordinator presents the handle a
// match query gave it and receives the interventions and civil orders this node delivered for
// that person (node/panel/delivered_interventions.h) — each with only the fields the ISA's
// clause allows this node to give that asker, never the record's reference.
//   request: {"handle": "<32 hex>"}
//   result:  {"interventions": [{"<field>": value, ...}, ...],
//             "provenance": {"node": "<this node>", "clause": "<ISA clause>"}}
// The audit entry lists the names of the fields disclosed.
#pragma once

#include <functional>
#include <string>

#include "node/endpoints/handle_table.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/inbound.h"

namespace tandem::node::endpoints {

// Every argument must outlive the route.
exchange::KindRoute OutcomeRoute(SharedStore& store, const HandleTable& handles, std::string self,
                                 std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::endpoints
