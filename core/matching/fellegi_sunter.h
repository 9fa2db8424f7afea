// Fellegi–Sunter scoring: per key type, m = P(agree | same person) and u = P(agree | different
// people); a pair's weight is the sum over key types of log2(m/u) when they agree,
// log2((1-m)/(1-u)) when they disagree and 0 when either record lacks the key. The parameters
// come from EM (core/matching/em.h); docs/scoring.md explains the model.
//
// MatchModel is an immutable value: thread-safe for concurrent const use.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/matching/comparison.h"
#include "core/result.h"

namespace tandem::core::matching {

// One key type's fitted probabilities.
struct KeyParameters {
  double m = 0.0;  // P(agree | same person, both have the key)
  double u = 0.0;  // P(agree | different people, both have the key)
};

class MatchModel {
 public:
  // A model over `key_names` (in pattern order) with one KeyParameters per key and the match
  // prior `prior` (the proportion of same-person pairs in the population the model was fitted
  // on). kInvalidArgument when names are empty, repeated or more than kMaxKeyTypes, when the
  // sizes differ, or when any m, u or prior is not strictly between 0 and 1.
  static Result<MatchModel> Create(std::vector<std::string> key_names,
                                   std::vector<KeyParameters> parameters, double prior);

  std::size_t key_count() const { return key_names_.size(); }
  const std::string& key_name(std::size_t key) const { return key_names_.at(key); }
  const std::vector<std::string>& key_names() const { return key_names_; }
  const KeyParameters& parameters(std::size_t key) const { return parameters_.at(key); }
  double prior() const { return prior_; }

  // log2(m/u): what agreement on `key` adds. Precondition: key < key_count().
  double AgreementWeight(std::size_t key) const;
  // log2((1-m)/(1-u)): what disagreement on `key` adds (usually negative).
  double DisagreementWeight(std::size_t key) const;
  // The weight the outcome adds: one of the two above, or 0 for kMissing.
  double KeyWeight(std::size_t key, Agreement outcome) const;

  // Sum of KeyWeight over the model's key types: log2 of the likelihood ratio
  // P(pattern | same person) / P(pattern | different people).
  double TotalWeight(const ComparisonPattern& pattern) const;

  // log2(prior / (1 - prior)).
  double PriorLogOdds() const;

  // The posterior P(same person | pattern) = 1 / (1 + 2^-(TotalWeight + PriorLogOdds)).
  // Computed without overflow for any weight.
  double MatchProbability(const ComparisonPattern& pattern) const;

  // The posterior for a total weight already computed.
  double MatchProbabilityForWeight(double total_weight) const;

 private:
  MatchModel(std::vector<std::string> key_names, std::vector<KeyParameters> parameters,
             double prior);

  std::vector<std::string> key_names_;
  std::vector<KeyParameters> parameters_;
  double prior_;
  std::vector<double> agree_weights_;
  std::vector<double> disagree_weights_;
};

}  // namespace tandem::core::matching
