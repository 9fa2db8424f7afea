#include "core/matching/bands.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/check.h"

namespace tandem::core::matching {
namespace {

constexpr std::array<std::pair<Band, std::string_view>, 3> kBandNames = {{
    {Band::kNonMatch, "non-match"},
    {Band::kReview, "review"},
    {Band::kAutoMatch, "auto"},
}};

bool IsOpenProbability(double value) { return value > 0.0 && value < 1.0; }

double Log2Odds(double probability) {
  return std::log2(probability) - std::log1p(-probability) / std::log(2.0);
}

std::string FormatNumber(const char* format, double value) {
  std::array<char, 64> buffer{};
  const int written = std::snprintf(buffer.data(), buffer.size(), format, value);
  TANDEM_CHECK(written > 0 && static_cast<std::size_t>(written) < buffer.size());
  return {buffer.data(), static_cast<std::size_t>(written)};
}

// The lowest weight whose "weight >= W" set reaches `target` precision on pairs sorted by
// weight, highest first; or the best precision seen when none does.
struct Sweep {
  std::optional<double> threshold;
  double best_precision = 0.0;
};

Sweep SweepForPrecision(const std::vector<LabelledPair>& by_weight_desc, double target) {
  Sweep sweep;
  double same = 0.0;
  std::size_t i = 0;
  while (i < by_weight_desc.size()) {
    const double weight = by_weight_desc[i].weight;
    // Pairs of equal weight fall on the same side of any threshold: take them together.
    for (; i < by_weight_desc.size() && by_weight_desc[i].weight == weight; ++i) {
      if (by_weight_desc[i].same_person) same += 1.0;
    }
    const double precision = same / static_cast<double>(i);
    sweep.best_precision = std::max(sweep.best_precision, precision);
    if (precision >= target) sweep.threshold = weight;
  }
  return sweep;
}

}  // namespace

std::string_view BandName(Band band) {
  for (const auto& [value, name] : kBandNames) {
    if (value == band) return name;
  }
  TANDEM_CHECK(false);
}

std::optional<Band> ParseBand(std::string_view name) {
  for (const auto& [value, spelling] : kBandNames) {
    if (spelling == name) return value;
  }
  return std::nullopt;
}

Result<BandThresholds> MakeBandThresholds(double auto_match, double review) {
  if (!std::isfinite(auto_match) || !std::isfinite(review)) {
    return Fail(Code::kInvalidArgument, "band thresholds must be finite numbers");
  }
  if (auto_match < review) {
    return Fail(Code::kInvalidArgument,
                "the auto-match threshold (" + FormatNumber("%.2f", auto_match) +
                    ") is below the review threshold (" + FormatNumber("%.2f", review) + ")");
  }
  return BandThresholds{.auto_match = auto_match, .review = review};
}

Result<BandThresholds> ThresholdsForProbabilities(const MatchModel& model, double auto_probability,
                                                  double review_probability) {
  if (!IsOpenProbability(auto_probability) || !IsOpenProbability(review_probability) ||
      review_probability > auto_probability) {
    return Fail(Code::kInvalidArgument, "band probabilities must satisfy 0 < review <= auto < 1");
  }
  return MakeBandThresholds(Log2Odds(auto_probability) - model.PriorLogOdds(),
                            Log2Odds(review_probability) - model.PriorLogOdds());
}

BandThresholds DefaultBandThresholds(const MatchModel& model) {
  Result<BandThresholds> thresholds =
      ThresholdsForProbabilities(model, kDefaultAutoMatchProbability, kDefaultReviewProbability);
  TANDEM_CHECK(thresholds.has_value());
  return *thresholds;
}

Band ClassifyWeight(double total_weight, const BandThresholds& thresholds) {
  if (total_weight >= thresholds.auto_match) return Band::kAutoMatch;
  if (total_weight >= thresholds.review) return Band::kReview;
  return Band::kNonMatch;
}

Result<BandThresholds> PickThresholdsForPrecision(const std::vector<LabelledPair>& labelled,
                                                  double auto_precision, double review_precision) {
  const auto in_range = [](double p) { return p > 0.0 && p <= 1.0; };
  if (!in_range(auto_precision) || !in_range(review_precision) ||
      review_precision > auto_precision) {
    return Fail(Code::kInvalidArgument, "target precisions must satisfy 0 < review <= auto <= 1");
  }
  if (labelled.empty()) {
    return Fail(Code::kInvalidArgument, "no labelled pairs to pick thresholds from");
  }
  for (const LabelledPair& pair : labelled) {
    if (!std::isfinite(pair.weight)) {
      return Fail(Code::kInvalidArgument, "a labelled pair has a weight that is not a number");
    }
  }
  std::vector<LabelledPair> sorted = labelled;
  std::sort(sorted.begin(), sorted.end(),
            [](const LabelledPair& a, const LabelledPair& b) { return a.weight > b.weight; });

  const Sweep auto_sweep = SweepForPrecision(sorted, auto_precision);
  if (!auto_sweep.threshold.has_value()) {
    return Fail(Code::kNotFound, "no threshold reaches precision " +
                                     FormatNumber("%.4f", auto_precision) + " on these " +
                                     std::to_string(labelled.size()) + " labelled pairs (best " +
                                     FormatNumber("%.4f", auto_sweep.best_precision) + ")");
  }
  // Every threshold that meets the auto target meets the (lower) review target too, so the
  // review sweep always finds one.
  const Sweep review_sweep = SweepForPrecision(sorted, review_precision);
  TANDEM_CHECK(review_sweep.threshold.has_value());
  return MakeBandThresholds(*auto_sweep.threshold,
                            std::min(*review_sweep.threshold, *auto_sweep.threshold));
}

std::vector<std::string> Explanation::KeyTypesWith(Agreement outcome) const {
  std::vector<std::string> names;
  for (const KeyContribution& contribution : contributions) {
    if (contribution.outcome == outcome) names.push_back(contribution.key_type);
  }
  return names;
}

Explanation Explain(const MatchModel& model, const BandThresholds& thresholds,
                    const ComparisonPattern& pattern) {
  Explanation explanation;
  explanation.contributions.reserve(model.family_count());
  for (std::size_t f = 0; f < model.family_count(); ++f) {
    const ComparisonFamily& family = model.family(f).family;
    const std::uint8_t outcome = model.Outcome(f, pattern);
    // A family left out because the family it yields to covered it is not news: say nothing.
    if (outcome == kMissingOutcome && model.layout().yields_to[f] < model.family_count() &&
        model.Outcome(model.layout().yields_to[f], pattern) != kMissingOutcome) {
      continue;
    }
    KeyContribution contribution{.key_type = family.name,
                                 .outcome = Agreement::kMissing,
                                 .weight = model.OutcomeWeight(f, outcome)};
    if (outcome == family.levels.size()) {
      contribution.outcome = Agreement::kDisagree;
    } else if (outcome != kMissingOutcome) {
      contribution.outcome = Agreement::kAgree;
      contribution.level = family.levels[outcome];
    }
    explanation.total_weight += contribution.weight;
    explanation.contributions.push_back(std::move(contribution));
  }
  explanation.match_probability = model.MatchProbabilityForWeight(explanation.total_weight);
  explanation.band = ClassifyWeight(explanation.total_weight, thresholds);
  return explanation;
}

std::string FormatExplanation(const Explanation& explanation) {
  std::string text = std::string(BandName(explanation.band)) + ": weight " +
                     FormatNumber("%.2f", explanation.total_weight) + ", P(match) " +
                     FormatNumber("%.4f", explanation.match_probability);
  constexpr std::array<std::pair<Agreement, std::string_view>, 3> kSections = {{
      {Agreement::kAgree, "agreed"},
      {Agreement::kDisagree, "disagreed"},
      {Agreement::kMissing, "missing"},
  }};
  for (const auto& [outcome, label] : kSections) {
    std::string section;
    for (const KeyContribution& contribution : explanation.contributions) {
      if (contribution.outcome != outcome) continue;
      section += section.empty() ? " " : ", ";
      section += contribution.key_type;
      if (!contribution.level.empty() && contribution.level != contribution.key_type) {
        section += " at " + contribution.level;
      }
      if (outcome != Agreement::kMissing) section += FormatNumber(" %+.2f", contribution.weight);
    }
    if (!section.empty()) text += "; " + std::string(label) + section;
  }
  return text;
}

}  // namespace tandem::core::matching
