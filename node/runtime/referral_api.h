// The local routes that drive matching across the partnership:
//   POST /v1/referrals/match   (coordinator)  {"export": "<kind>", "ref": "<reference>"}
//     a referral picked from this node's own records: its match keys are derived, tokenised
//     through the threshold OPRF with the other key holders (oprf-evaluate), and sent as a
//     match-query to every partner the ISA allows; the answer lists, per partner, its band,
//     the key types that agreed and the handle for a case-pack request, or why it did not
//     answer. Partners that do not know the person learn nothing but tokens.
//     -> {"partners": [{"node", "band", "agreed", "handle"} | {"node", "error"}]}
//   POST /v1/tokens/rebuild    (admin)        {}
//     rebuilds this node's token index from its store through the same OPRF path.
//     -> {"records", "tokens", "seconds"}
// Both need this node to hold a share of the partnership key (tandem key import-share).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "node/endpoints/shared_store.h"
#include "node/exchange/outbound.h"
#include "node/runtime/local_api.h"
#include "node/runtime/partner_match.h"
#include "node/store/data_dir.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::runtime {

struct ReferralApiContext {
  std::string self;
  exchange::CurrentPolicy* policy = nullptr;
  exchange::PeerExchange* peers = nullptr;
  endpoints::SharedStore* store = nullptr;
  const tokens::Tokeniser* tokeniser = nullptr;
  // Opens a second connection to the store for a long job (the index rebuild).
  std::function<Result<std::unique_ptr<store::Store>>()> open_store;

  PartnerMatchContext Matching() const { return {self, policy, peers, store, tokeniser}; }
};

// The routes above; `context` and everything it points to must outlive them.
std::vector<LocalRoute> ReferralRoutes(const ReferralApiContext& context);

}  // namespace tandem::node::runtime
