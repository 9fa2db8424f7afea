// Fellegi–Sunter scoring with comparisons that have levels. The keys are grouped into
// comparison families (core/matching/comparison_families.h); each family is one categorical
// comparison whose outcome is its best agreeing level, "disagree" or "missing". Per family,
// m is the distribution of the outcome among same-person pairs and u among different-person
// pairs (both over the levels and disagree, summing to one); a pair's weight is the sum over
// families of log2(m/u) for its outcome, 0 for missing. A family of one key is the classic
// binary comparison: m = P(agree | same person), u = P(agree | different people). The
// parameters come from EM (core/matching/em.h); docs/matching.md and docs/scoring.md explain.
//
// MatchModel is an immutable value: thread-safe for concurrent const use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/matching/comparison.h"
#include "core/matching/comparison_families.h"
#include "core/result.h"

namespace tandem::core::matching {

// One key's probabilities in a binary model, or one level's share of its family's outcomes.
struct KeyParameters {
  double m = 0.0;  // P(outcome | same person, family compared)
  double u = 0.0;  // P(outcome | different people, family compared)
};

// One family's fitted distributions: m[l], u[l] for level l, and at levels.size() disagree.
struct FamilyParameters {
  ComparisonFamily family;
  std::vector<double> m;  // levels + 1 entries, each in (0, 1), summing to 1
  std::vector<double> u;
};

class MatchModel {
 public:
  // A model over `key_names` (in pattern order) with one FamilyParameters per family and the
  // match prior `prior` (the proportion of same-person pairs in the population the model was
  // fitted on). kInvalidArgument when the families do not place every key exactly once
  // (MakeFamilyLayout), when a family's m or u has the wrong size, an entry not strictly
  // between 0 and 1 or a sum more than 1e-6 from 1, or the prior is not in (0, 1).
  static Result<MatchModel> CreateWithFamilies(std::vector<std::string> key_names,
                                               std::vector<FamilyParameters> families,
                                               double prior);

  // The independent-keys model: each key its own family, m and u its agreement rates.
  // kInvalidArgument when names are empty, repeated or more than kMaxKeyTypes, when the sizes
  // differ, or when any m, u or prior is not strictly between 0 and 1.
  static Result<MatchModel> Create(std::vector<std::string> key_names,
                                   std::vector<KeyParameters> parameters, double prior);

  std::size_t key_count() const { return key_names_.size(); }
  const std::string& key_name(std::size_t key) const { return key_names_.at(key); }
  const std::vector<std::string>& key_names() const { return key_names_; }
  std::size_t family_count() const { return families_.size(); }
  const FamilyParameters& family(std::size_t f) const { return families_.at(f); }
  const std::vector<FamilyParameters>& families() const { return families_; }
  const FamilyLayout& layout() const { return layout_; }
  double prior() const { return prior_; }

  // The m and u of the level `key` stands for in its family.
  KeyParameters parameters(std::size_t key) const;

  // The family outcome of `pattern` (FamilyOutcome) and the weight it adds: log2(m/u) of the
  // level or of disagree, 0 for kMissingOutcome.
  std::uint8_t Outcome(std::size_t family, const ComparisonPattern& pattern) const;
  double OutcomeWeight(std::size_t family, std::uint8_t outcome) const;

  // What agreement on `key` adds when it is its family's best agreeing level.
  double AgreementWeight(std::size_t key) const;
  // What disagreement of `key`'s family adds (usually negative).
  double DisagreementWeight(std::size_t key) const;
  // One of the two above for `outcome`, or 0 for kMissing. In a family of one key this is the
  // key's whole contribution; in a larger family only the family outcome counts (TotalWeight).
  double KeyWeight(std::size_t key, Agreement outcome) const;

  // Sum over families of OutcomeWeight: log2 of the likelihood ratio
  // P(pattern | same person) / P(pattern | different people).
  double TotalWeight(const ComparisonPattern& pattern) const;

  // The weight of the evidence "these key types agreed", ignoring what was not compared: per
  // family, the weight of its best agreeing level; families with no agreeing key add 0. Names
  // the model does not know are ignored. What a node scores a match query with.
  double AgreedWeight(std::span<const std::string> agreed_key_types) const;

  // log2(prior / (1 - prior)).
  double PriorLogOdds() const;

  // The posterior P(same person | pattern) = 1 / (1 + 2^-(TotalWeight + PriorLogOdds)).
  // Computed without overflow for any weight.
  double MatchProbability(const ComparisonPattern& pattern) const;

  // The posterior for a total weight already computed.
  double MatchProbabilityForWeight(double total_weight) const;

 private:
  MatchModel(std::vector<std::string> key_names, std::vector<FamilyParameters> families,
             FamilyLayout layout, double prior);

  std::vector<std::string> key_names_;
  std::vector<FamilyParameters> families_;
  FamilyLayout layout_;
  double prior_;
  std::vector<std::vector<double>> weights_;  // per family, per outcome (levels, disagree)
};

}  // namespace tandem::core::matching
