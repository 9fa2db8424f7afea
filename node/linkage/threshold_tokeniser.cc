#include "node/linkage/threshold_tokeniser.h"

#include <utility>

#include "crypto/oprf.h"

namespace tandem::node::linkage {

Result<ThresholdTokeniser> ThresholdTokeniser::Create(std::uint32_t threshold,
                                                      std::uint32_t holders) {
  if (auto init = crypto::InitSodium(); !init) return tl::unexpected(init.error());
  auto dealt = crypto::DealThresholdKey(threshold, holders);
  if (!dealt) return tl::unexpected(dealt.error());
  return ThresholdTokeniser(std::move(dealt->public_key), std::move(dealt->shares));
}

Result<std::vector<Token>> ThresholdTokeniser::Tokenise(
    std::span<const std::span<const std::uint8_t>> inputs, std::uint32_t round) const {
  const crypto::OprfClient client(crypto::OprfMode::kOprf);
  auto batch = client.BlindBatch(inputs);
  if (!batch) return tl::unexpected(batch.error());

  // Each holder sees only blinded elements and answers with one proof for the whole batch.
  std::vector<crypto::PartialEvaluation> partials;
  partials.reserve(threshold());
  for (std::uint32_t j = 0; j < threshold(); ++j) {
    const std::uint32_t holder = (round + j) % holders();
    auto partial = shares_[holder].PartialEvaluate(batch->elements());
    if (!partial) return tl::unexpected(partial.error());
    partials.push_back(std::move(*partial));
  }
  // Verifies every holder's proof before combining.
  auto combined = crypto::CombinePartialEvaluations(public_key_, batch->elements(), partials);
  if (!combined) return tl::unexpected(combined.error());
  auto outputs = client.FinalizeBatch(inputs, *batch, *combined);
  if (!outputs) return tl::unexpected(outputs.error());

  std::vector<Token> tokens(outputs->size());
  for (std::size_t i = 0; i < outputs->size(); ++i) tokens[i].bytes = (*outputs)[i];
  return tokens;
}

}  // namespace tandem::node::linkage
