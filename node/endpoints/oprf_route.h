// The oprf-evaluate endpoint of a key holder (purpose "oprf-evaluation"): evaluates a batch of
// blinded elements under this node's share of the partnership key and proves it (DLEQ,
// batched). The holder never sees an input: only blinded group elements. Each request counts
// against the requester's daily quota (the ISA's); each batch is at most kMaxOprfBatch
// elements, so the quota bounds how many values a partner can have evaluated per day.
#pragma once

#include "crypto/threshold_oprf.h"
#include "node/exchange/inbound.h"

namespace tandem::node::endpoints {

// `share` must outlive the route.
exchange::KindRoute OprfRoute(const crypto::KeyShare& share);

}  // namespace tandem::node::endpoints
