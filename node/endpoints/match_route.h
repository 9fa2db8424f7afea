// The match-query endpoint (purpose "hhpp-referral-match", clause 3.1, or
// "hhpp-evaluation-match", clause 6.2): a person's tokens in, this node's answer out — a band,
// the key types that agreed and, for auto and review, an opaque handle scoped to the query's
// purpose: a referral match's handle opens the case-pack and outcome requests, an evaluation
// match's the evaluation request only (handle_table.h). Any other purpose is refused
// (kPermissionDenied) even if an agreement lists match-query under it. Never a reference, a
// score table or a raw value.
//   request: {"tokens": [{"key": "<key type>", "token": "<128 hex>"}, ...]}   (1 .. 64)
//   result:  {"band": "auto"|"review"|"non-match", "agreed": ["<key type>", ...],
//             "handle": "<32 hex>"}                       (handle only for auto and review)
// Each of this node's records that holds one of the tokens is weighed with the partnership's
// Fellegi–Sunter model over the key types that agreed (each comparison family once, at its best
// agreeing level); the best record answers. A key type the
// query has but the record does not agree on adds nothing (the index says which tokens a record
// holds, not which key types it lacks), so the answer is conservative: it never adds negative
// evidence it cannot see.
#pragma once

#include "node/endpoints/handle_table.h"
#include "node/endpoints/match_codec.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/inbound.h"
#include "node/linkage/match_model_file.h"

namespace tandem::node::endpoints {

// Every argument must outlive the route.
exchange::KindRoute MatchRoute(SharedStore& store, const linkage::MatchModelFile& model,
                               HandleTable& handles, std::function<protocol::Seconds()> clock);

}  // namespace tandem::node::endpoints
