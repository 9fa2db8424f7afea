#include "node/tokens/partial_evaluator.h"

#include <algorithm>
#include <string>

namespace tandem::node::tokens {

Result<InProcessEvaluator> InProcessEvaluator::Create(std::vector<crypto::KeyShare> shares) {
  std::sort(shares.begin(), shares.end(),
            [](const auto& a, const auto& b) { return a.holder() < b.holder(); });
  for (std::size_t i = 1; i < shares.size(); ++i) {
    if (shares[i].holder() == shares[i - 1].holder()) {
      return Fail(Code::kInvalidArgument,
                  "two shares of holder " + std::to_string(shares[i].holder()) + " were given");
    }
  }
  return InProcessEvaluator(std::move(shares));
}

Result<crypto::PartialEvaluation> InProcessEvaluator::Evaluate(
    std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const {
  const auto it = std::lower_bound(shares_.begin(), shares_.end(), holder,
                                   [](const auto& s, std::uint32_t h) { return s.holder() < h; });
  if (it == shares_.end() || it->holder() != holder) {
    return Fail(Code::kNotFound, "no share of holder " + std::to_string(holder) + " is held here");
  }
  return it->PartialEvaluate(blinded);
}

std::vector<std::uint32_t> InProcessEvaluator::holders() const {
  std::vector<std::uint32_t> out;
  out.reserve(shares_.size());
  for (const auto& s : shares_) out.push_back(s.holder());
  return out;
}

}  // namespace tandem::node::tokens
