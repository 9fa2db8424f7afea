#include "core/matching/fellegi_sunter.h"

#include <cmath>
#include <unordered_set>
#include <utility>

#include "core/check.h"

namespace tandem::core::matching {
namespace {

bool IsOpenProbability(double value) { return std::isfinite(value) && value > 0.0 && value < 1.0; }

}  // namespace

Result<MatchModel> MatchModel::Create(std::vector<std::string> key_names,
                                      std::vector<KeyParameters> parameters, double prior) {
  if (key_names.empty() || key_names.size() > kMaxKeyTypes) {
    return Fail(Code::kInvalidArgument, "a model needs 1 to " + std::to_string(kMaxKeyTypes) +
                                            " key types, not " + std::to_string(key_names.size()));
  }
  if (parameters.size() != key_names.size()) {
    return Fail(Code::kInvalidArgument, std::to_string(key_names.size()) + " key types but " +
                                            std::to_string(parameters.size()) +
                                            " sets of parameters");
  }
  std::unordered_set<std::string> seen;
  for (std::size_t k = 0; k < key_names.size(); ++k) {
    if (key_names[k].empty()) {
      return Fail(Code::kInvalidArgument, "key type " + std::to_string(k + 1) + " has no name");
    }
    if (!seen.insert(key_names[k]).second) {
      return Fail(Code::kInvalidArgument, "key type '" + key_names[k] + "' is listed twice");
    }
    if (!IsOpenProbability(parameters[k].m) || !IsOpenProbability(parameters[k].u)) {
      return Fail(Code::kInvalidArgument,
                  "key type '" + key_names[k] + "': m and u must be strictly between 0 and 1");
    }
  }
  if (!IsOpenProbability(prior)) {
    return Fail(Code::kInvalidArgument, "the match prior must be strictly between 0 and 1");
  }
  return MatchModel(std::move(key_names), std::move(parameters), prior);
}

MatchModel::MatchModel(std::vector<std::string> key_names, std::vector<KeyParameters> parameters,
                       double prior)
    : key_names_(std::move(key_names)), parameters_(std::move(parameters)), prior_(prior) {
  agree_weights_.reserve(parameters_.size());
  disagree_weights_.reserve(parameters_.size());
  for (const KeyParameters& p : parameters_) {
    agree_weights_.push_back(std::log2(p.m) - std::log2(p.u));
    // log1p keeps precision when m or u is tiny.
    disagree_weights_.push_back((std::log1p(-p.m) - std::log1p(-p.u)) / std::log(2.0));
  }
}

double MatchModel::AgreementWeight(std::size_t key) const { return agree_weights_.at(key); }

double MatchModel::DisagreementWeight(std::size_t key) const { return disagree_weights_.at(key); }

double MatchModel::KeyWeight(std::size_t key, Agreement outcome) const {
  switch (outcome) {
    case Agreement::kAgree:
      return AgreementWeight(key);
    case Agreement::kDisagree:
      return DisagreementWeight(key);
    case Agreement::kMissing:
      return 0.0;
  }
  TANDEM_CHECK(false);
}

double MatchModel::TotalWeight(const ComparisonPattern& pattern) const {
  double total = 0.0;
  for (std::size_t k = 0; k < key_count(); ++k) total += KeyWeight(k, pattern.Get(k));
  return total;
}

double MatchModel::PriorLogOdds() const {
  return std::log2(prior_) - std::log1p(-prior_) / std::log(2.0);
}

double MatchModel::MatchProbability(const ComparisonPattern& pattern) const {
  return MatchProbabilityForWeight(TotalWeight(pattern));
}

double MatchModel::MatchProbabilityForWeight(double total_weight) const {
  const double log2_odds = total_weight + PriorLogOdds();
  // 1 / (1 + 2^-x), arranged so that 2^(...) never overflows.
  if (log2_odds >= 0.0) return 1.0 / (1.0 + std::exp2(-log2_odds));
  const double odds = std::exp2(log2_odds);
  return odds / (1.0 + odds);
}

}  // namespace tandem::core::matching
