#include "core/matching/fellegi_sunter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/check.h"

namespace tandem::core::matching {
namespace {

bool IsOpenProbability(double value) { return std::isfinite(value) && value > 0.0 && value < 1.0; }

// How far a family's distribution may sum from one (rounding of a written file).
constexpr double kSumTolerance = 1e-6;

}  // namespace

Result<MatchModel> MatchModel::CreateWithFamilies(std::vector<std::string> key_names,
                                                  std::vector<FamilyParameters> families,
                                                  double prior) {
  std::vector<ComparisonFamily> shapes;
  shapes.reserve(families.size());
  for (const FamilyParameters& f : families) shapes.push_back(f.family);
  auto layout = MakeFamilyLayout(key_names, shapes);
  if (!layout) return tl::unexpected(layout.error());
  for (const FamilyParameters& f : families) {
    const std::size_t outcomes = f.family.levels.size() + 1;
    if (f.m.size() != outcomes || f.u.size() != outcomes) {
      return Fail(Code::kInvalidArgument, "family '" + f.family.name + "' needs " +
                                              std::to_string(outcomes) +
                                              " values of m and of u (each level, then disagree)");
    }
    for (const auto* distribution : {&f.m, &f.u}) {
      double sum = 0.0;
      for (double p : *distribution) {
        if (!IsOpenProbability(p)) {
          return Fail(Code::kInvalidArgument,
                      "family '" + f.family.name + "': m and u must be strictly between 0 and 1");
        }
        sum += p;
      }
      if (std::fabs(sum - 1.0) > kSumTolerance) {
        return Fail(Code::kInvalidArgument, "family '" + f.family.name +
                                                "': m and u must each sum to 1 over the levels "
                                                "and disagree");
      }
    }
  }
  if (!IsOpenProbability(prior)) {
    return Fail(Code::kInvalidArgument, "the match prior must be strictly between 0 and 1");
  }
  return MatchModel(std::move(key_names), std::move(families), std::move(*layout), prior);
}

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
  std::vector<FamilyParameters> families;
  for (std::size_t k = 0; k < key_names.size(); ++k) {
    if (!IsOpenProbability(parameters[k].m) || !IsOpenProbability(parameters[k].u)) {
      return Fail(Code::kInvalidArgument,
                  "key type '" + key_names[k] + "': m and u must be strictly between 0 and 1");
    }
    families.push_back({.family = {key_names[k], {key_names[k]}, "", ""},
                        .m = {parameters[k].m, 1.0 - parameters[k].m},
                        .u = {parameters[k].u, 1.0 - parameters[k].u}});
  }
  return CreateWithFamilies(std::move(key_names), std::move(families), prior);
}

MatchModel::MatchModel(std::vector<std::string> key_names, std::vector<FamilyParameters> families,
                       FamilyLayout layout, double prior)
    : key_names_(std::move(key_names)),
      families_(std::move(families)),
      layout_(std::move(layout)),
      prior_(prior) {
  weights_.reserve(families_.size());
  for (const FamilyParameters& f : families_) {
    std::vector<double> weights;
    for (std::size_t o = 0; o < f.m.size(); ++o) {
      weights.push_back(std::log2(f.m[o]) - std::log2(f.u[o]));
    }
    weights_.push_back(std::move(weights));
  }
}

KeyParameters MatchModel::parameters(std::size_t key) const {
  const FamilyParameters& f = families_.at(layout_.family_of_key.at(key));
  const std::size_t level = layout_.level_of_key[key];
  return {f.m[level], f.u[level]};
}

std::uint8_t MatchModel::Outcome(std::size_t family, const ComparisonPattern& pattern) const {
  return FamilyOutcome(layout_, family, pattern);
}

double MatchModel::OutcomeWeight(std::size_t family, std::uint8_t outcome) const {
  if (outcome == kMissingOutcome) return 0.0;
  return weights_.at(family).at(outcome);
}

double MatchModel::AgreementWeight(std::size_t key) const {
  return weights_.at(layout_.family_of_key.at(key))[layout_.level_of_key[key]];
}

double MatchModel::DisagreementWeight(std::size_t key) const {
  return weights_.at(layout_.family_of_key.at(key)).back();
}

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
  for (std::size_t f = 0; f < families_.size(); ++f) total += OutcomeWeight(f, Outcome(f, pattern));
  return total;
}

double MatchModel::AgreedWeight(std::span<const std::string> agreed_key_types) const {
  ComparisonPattern pattern;
  for (std::size_t k = 0; k < key_names_.size(); ++k) {
    if (std::ranges::find(agreed_key_types, key_names_[k]) != agreed_key_types.end()) {
      pattern.Set(k, Agreement::kAgree);
    }
  }
  return TotalWeight(pattern);
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
