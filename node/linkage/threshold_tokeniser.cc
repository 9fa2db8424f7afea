#include "node/linkage/threshold_tokeniser.h"

#include <memory>
#include <utility>

#include "crypto/oprf.h"
#include "node/tokens/partial_evaluator.h"

namespace tandem::node::linkage {

Result<ThresholdTokeniser> ThresholdTokeniser::Create(std::uint32_t threshold,
                                                      std::uint32_t holders) {
  if (auto init = crypto::InitSodium(); !init) return tl::unexpected(init.error());
  auto dealt = crypto::DealThresholdKey(threshold, holders);
  if (!dealt) return tl::unexpected(dealt.error());
  auto evaluator = tokens::InProcessEvaluator::Create(std::move(dealt->shares));
  if (!evaluator) return tl::unexpected(evaluator.error());
  auto tokeniser = tokens::Tokeniser::Create(
      std::move(dealt->public_key),
      std::make_shared<const tokens::InProcessEvaluator>(std::move(*evaluator)));
  if (!tokeniser) return tl::unexpected(tokeniser.error());
  return ThresholdTokeniser(std::move(*tokeniser));
}

}  // namespace tandem::node::linkage
