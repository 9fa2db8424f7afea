// The federated PartialEvaluator: asks key holder i (the partnership key's holder names map
// indices to node ids) for a partial evaluation with an oprf-evaluate message through the
// PeerExchange, or evaluates under this node's own share when it is holder i itself. The
// Tokeniser verifies every answer's proof, so a holder that answers wrongly is named there.
#pragma once

#include <string>
#include <vector>

#include "crypto/threshold_oprf.h"
#include "node/exchange/outbound.h"
#include "node/tokens/partial_evaluator.h"

namespace tandem::node::endpoints {

class RemoteEvaluator final : public tokens::PartialEvaluator {
 public:
  // `names[i]` is holder i + 1's node id; `own_share` is null when this node holds no share.
  // Both pointers must outlive the evaluator.
  // `epoch` is the partnership key's.
  RemoteEvaluator(exchange::PeerExchange* exchange, std::string self,
                  std::vector<std::string> names, std::uint32_t epoch,
                  const crypto::KeyShare* own_share)
      : exchange_(exchange),
        self_(std::move(self)),
        names_(std::move(names)),
        epoch_(epoch),
        own_share_(own_share) {}

  // kNotFound for a holder index with no name; the PeerExchange's errors otherwise.
  Result<crypto::PartialEvaluation> Evaluate(
      std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const override;

 private:
  exchange::PeerExchange* exchange_;
  std::string self_;
  std::vector<std::string> names_;
  std::uint32_t epoch_;
  const crypto::KeyShare* own_share_;
};

}  // namespace tandem::node::endpoints
