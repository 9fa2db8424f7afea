#include "node/tokens/tokeniser.h"

#include <algorithm>
#include <utility>

#include "crypto/oprf.h"

namespace tandem::node::tokens {

Result<Tokeniser> Tokeniser::Create(crypto::ThresholdPublicKey key,
                                    std::shared_ptr<const PartialEvaluator> evaluator,
                                    Options options) {
  if (evaluator == nullptr) return Fail(Code::kInvalidArgument, "no partial evaluator was given");
  if (options.holders.empty()) {
    for (std::uint32_t h = 1; h <= key.holders(); ++h) options.holders.push_back(h);
  }
  std::vector<std::uint32_t> seen;
  for (const std::uint32_t h : options.holders) {
    if (h < 1 || h > key.holders()) {
      return Fail(Code::kInvalidArgument, "holder " + std::to_string(h) + " is not in a key of " +
                                              std::to_string(key.holders()) + " holders");
    }
    if (std::find(seen.begin(), seen.end(), h) != seen.end()) {
      return Fail(Code::kInvalidArgument, "holder " + std::to_string(h) + " is listed twice");
    }
    seen.push_back(h);
  }
  if (seen.size() < key.threshold()) {
    return Fail(Code::kInvalidArgument, std::to_string(seen.size()) +
                                            " holders listed; the key needs " +
                                            std::to_string(key.threshold()));
  }
  if (!options.names.empty() && options.names.size() != key.holders()) {
    return Fail(Code::kInvalidArgument, std::to_string(options.names.size()) +
                                            " holder names for a key of " +
                                            std::to_string(key.holders()) + " holders");
  }
  return Tokeniser(std::move(key), std::move(evaluator), std::move(options));
}

std::string Tokeniser::HolderLabel(std::uint32_t holder) const {
  std::string label = "holder " + std::to_string(holder);
  if (holder >= 1 && holder <= options_.names.size()) {
    label += " (" + options_.names[holder - 1] + ")";
  }
  return label;
}

Result<std::vector<Token>> Tokeniser::Tokenise(
    std::span<const std::span<const std::uint8_t>> inputs, std::uint32_t round,
    std::vector<HolderFailure>* failures) const {
  const crypto::OprfClient client(crypto::OprfMode::kOprf);
  auto batch = client.BlindBatch(inputs);
  if (!batch) return tl::unexpected(batch.error());

  // Each holder sees only blinded elements and answers with one proof for the whole batch;
  // the proof is checked as the answer arrives, so a bad holder is known and skipped.
  std::vector<crypto::VerifiedPartialEvaluation> verified;
  verified.reserve(threshold());
  std::vector<HolderFailure> failed;
  const std::size_t listed = options_.holders.size();
  for (std::size_t asked = 0; asked < listed && verified.size() < threshold(); ++asked) {
    const std::uint32_t holder = options_.holders[(round + asked) % listed];
    auto partial = evaluator_->Evaluate(holder, batch->elements());
    if (partial && partial->holder != holder) {
      partial = Fail(Code::kUnauthenticated, HolderLabel(holder) + " answered as holder " +
                                                 std::to_string(partial->holder));
    }
    Result<crypto::VerifiedPartialEvaluation> checked =
        partial ? crypto::CheckPartialEvaluation(key_, batch->elements(), std::move(*partial))
                : tl::unexpected(partial.error());
    if (!checked) {
      failed.push_back({holder, checked.error()});
      continue;
    }
    verified.push_back(std::move(*checked));
  }
  if (failures != nullptr) failures->insert(failures->end(), failed.begin(), failed.end());

  if (verified.size() < threshold()) {
    Code code = failed.empty() ? Code::kInvalidArgument : failed.front().error.code;
    std::string message = std::to_string(verified.size()) + " of the " +
                          std::to_string(threshold()) +
                          " partial evaluations needed verified; failed: ";
    for (std::size_t i = 0; i < failed.size(); ++i) {
      if (failed[i].error.code == Code::kUnauthenticated) code = Code::kUnauthenticated;
      if (i > 0) message += "; ";
      message += HolderLabel(failed[i].holder) + ": " + failed[i].error.message;
    }
    return Fail(code, message);
  }
  auto combined = crypto::CombineVerifiedPartialEvaluations(key_, batch->elements(), verified);
  if (!combined) return tl::unexpected(combined.error());
  auto outputs = client.FinalizeBatch(inputs, *batch, *combined);
  if (!outputs) return tl::unexpected(outputs.error());

  std::vector<Token> tokens(outputs->size());
  for (std::size_t i = 0; i < outputs->size(); ++i) tokens[i].bytes = (*outputs)[i];
  return tokens;
}

}  // namespace tandem::node::tokens
