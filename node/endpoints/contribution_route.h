// The contribution-request endpoint (purpose "hhpp-case-pack"): the coordinator presents the
// handle a match query gave it and receives this node's contribution to the case pack — only
// the fields the ISA allows this node to give that asker for the purpose, each with provenance.
//   request: {"handle": "<32 hex>"}
//   result:  {"fields": {"<name>": "<value>", ...},
//             "provenance": {"node": "<this node>", "clause": "<ISA clause>", "export": "<kind>"},
//             "withheld": ["<name>", ...]}     (fields of the record the ISA does not allow)
// The audit entry lists the names of the fields disclosed.
#pragma once

#include "node/endpoints/handle_table.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/inbound.h"

namespace tandem::node::endpoints {

// Every argument must outlive the route.
exchange::KindRoute ContributionRoute(SharedStore& store, const HandleTable& handles,
                                      std::string self, std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::endpoints
