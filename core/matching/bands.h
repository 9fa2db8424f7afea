// Turning a pair's Fellegi–Sunter weight into a band (auto-match, review, non-match) and
// explaining it by key-type names only. A partner answers a match query with a band, never
// with a score table, and an explanation never carries a key value or a token.
//
// All types are values; all functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/matching/comparison.h"
#include "core/matching/fellegi_sunter.h"
#include "core/result.h"

namespace tandem::core::matching {

enum class Band {
  kNonMatch,
  kReview,
  kAutoMatch,
};

// "non-match", "review", "auto" — the spelling of the links file and of the wire.
std::string_view BandName(Band band);

// The inverse of BandName; nullopt for any other string (case-sensitive).
std::optional<Band> ParseBand(std::string_view name);

// Posteriors behind the default thresholds (docs/scoring.md says why).
inline constexpr double kDefaultAutoMatchProbability = 0.99;
inline constexpr double kDefaultReviewProbability = 0.5;

// Thresholds on the total weight (log2 likelihood ratio): weight >= auto_match is an
// auto-match, otherwise weight >= review is review, otherwise non-match.
struct BandThresholds {
  double auto_match = 0.0;
  double review = 0.0;
};

// kInvalidArgument unless both are finite and auto_match >= review.
Result<BandThresholds> MakeBandThresholds(double auto_match, double review);

// The weights at which `model`'s posterior reaches `auto_probability` and
// `review_probability`: log2(q / (1 - q)) - PriorLogOdds(). kInvalidArgument unless
// 0 < review_probability <= auto_probability < 1.
Result<BandThresholds> ThresholdsForProbabilities(const MatchModel& model, double auto_probability,
                                                  double review_probability);

// ThresholdsForProbabilities with the defaults above (posterior 0.99 and 0.5).
BandThresholds DefaultBandThresholds(const MatchModel& model);

Band ClassifyWeight(double total_weight, const BandThresholds& thresholds);

// A pair's weight with whether clerical review found it to be the same person.
struct LabelledPair {
  double weight = 0.0;
  bool same_person = false;
};

// The lowest thresholds whose bands reach the target precisions on `labelled`: auto_match is
// the lowest weight W such that the pairs weighing >= W are same-person pairs in at least the
// share `auto_precision`; review likewise for `review_precision` (clamped to be <= auto_match).
// Lowest, because that keeps the most true matches (recall) for the precision asked for.
// kInvalidArgument when the targets are not in (0, 1] or review_precision > auto_precision;
// kNotFound when no threshold reaches a target on these pairs (the message gives the best
// precision seen).
Result<BandThresholds> PickThresholdsForPrecision(const std::vector<LabelledPair>& labelled,
                                                  double auto_precision, double review_precision);

// What one comparison family contributed to a pair's weight.
struct KeyContribution {
  std::string key_type;  // the family's name (a one-key family is named after its key)
  std::string level;     // when agreed: the key type of the best agreeing level; else empty
  Agreement outcome = Agreement::kMissing;
  double weight = 0.0;  // 0 for kMissing
};

// Why a pair landed in its band: every family in model order with its contribution, except a
// family left out because the family it yields to covered it (comparison_families.h).
struct Explanation {
  std::vector<KeyContribution> contributions;
  double total_weight = 0.0;
  double match_probability = 0.0;
  Band band = Band::kNonMatch;

  // Names of the families with the given outcome, in model order.
  std::vector<std::string> KeyTypesWith(Agreement outcome) const;
};

// Explains `pattern` under `model` and `thresholds`.
Explanation Explain(const MatchModel& model, const BandThresholds& thresholds,
                    const ComparisonPattern& pattern);

// One line a person can read, key-type names and weights only, e.g.
// "auto: weight 40.08, P(match) 1.0000; agreed pnc_id +22.10, name at phonetic_dob +20.08;
//  disagreed initials -2.10; missing nhs_number, ni_number". A family of one key is written
// by its key's name alone.
std::string FormatExplanation(const Explanation& explanation);

}  // namespace tandem::core::matching
