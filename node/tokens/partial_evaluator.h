// Where a requesting node gets partial evaluations of its blinded elements from: one key
// holder at a time, by its holder index (1..n of the partnership key). The in-process
// implementation below evaluates under key shares held in this process (tests, benchmarks and
// `tandem link`, which simulates the partnership); a deployed node asks the other holders over
// the federation with an implementation of the same interface.
//
// An evaluator returns what the holder answered; it does not verify it (the Tokeniser does,
// and names the holder whose proof fails). Errors: kNotFound when the evaluator cannot reach or
// does not have `holder`; kUnavailable when a remote holder does not answer; the holder's own
// errors (kInvalidArgument for a malformed batch). Thread-safety: Evaluate may be called
// from several threads at once.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/threshold_oprf.h"

namespace tandem::node::tokens {

class PartialEvaluator {
 public:
  virtual ~PartialEvaluator() = default;
  virtual Result<crypto::PartialEvaluation> Evaluate(
      std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const = 0;
};

// Evaluates under shares held here. Owns the shares (wiped when it goes away).
class InProcessEvaluator final : public PartialEvaluator {
 public:
  // kInvalidArgument when two shares have the same holder index.
  static Result<InProcessEvaluator> Create(std::vector<crypto::KeyShare> shares);

  InProcessEvaluator(InProcessEvaluator&&) noexcept = default;
  InProcessEvaluator& operator=(InProcessEvaluator&&) noexcept = default;

  Result<crypto::PartialEvaluation> Evaluate(
      std::uint32_t holder, std::span<const crypto::OprfElement> blinded) const override;

  // The holder indices held here, ascending.
  std::vector<std::uint32_t> holders() const;

 private:
  explicit InProcessEvaluator(std::vector<crypto::KeyShare> shares) : shares_(std::move(shares)) {}
  std::vector<crypto::KeyShare> shares_;
};

}  // namespace tandem::node::tokens
