#include "core/matching/fellegi_sunter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/matching/bands.h"
#include "core/matching/comparison.h"

namespace tandem::core::matching {
namespace {

// Three keys chosen so every weight is hand-computable:
//   nhs_number   m 0.8  u 0.2    agree log2 4 = +2     disagree log2(0.2/0.8) = -2
//   surname_dob  m 0.5  u 0.125  agree log2 4 = +2     disagree log2(0.5/0.875) = log2(4/7)
//   district     m 0.75 u 0.5    agree log2 1.5        disagree log2(0.25/0.5) = -1
// and prior 0.2, whose log2 odds are log2(0.25) = -2.
MatchModel HandModel() {
  Result<MatchModel> model = MatchModel::Create(
      {"nhs_number", "surname_dob", "district"},
      {{.m = 0.8, .u = 0.2}, {.m = 0.5, .u = 0.125}, {.m = 0.75, .u = 0.5}}, 0.2);
  EXPECT_TRUE(model.has_value()) << model.error().message;
  return *model;
}

ComparisonPattern P(std::string_view letters) {
  Result<ComparisonPattern> pattern = ComparisonPattern::Parse(letters);
  EXPECT_TRUE(pattern.has_value()) << pattern.error().message;
  return *pattern;
}

TEST(ComparisonPatternTest, UnsetKeysAreMissing) {
  const ComparisonPattern pattern;
  for (std::size_t k = 0; k < kMaxKeyTypes; ++k) EXPECT_EQ(pattern.Get(k), Agreement::kMissing);
  EXPECT_EQ(pattern.code(), 0U);
}

TEST(ComparisonPatternTest, SetAndGetEachKeyIndependently) {
  ComparisonPattern pattern;
  pattern.Set(0, Agreement::kAgree);
  pattern.Set(15, Agreement::kDisagree);
  pattern.Set(7, Agreement::kAgree);
  pattern.Set(7, Agreement::kDisagree);
  EXPECT_EQ(pattern.Get(0), Agreement::kAgree);
  EXPECT_EQ(pattern.Get(7), Agreement::kDisagree);
  EXPECT_EQ(pattern.Get(15), Agreement::kDisagree);
  EXPECT_EQ(pattern.Get(1), Agreement::kMissing);
  EXPECT_EQ(pattern.AgreeMask(), 0b1U);
  EXPECT_EQ(pattern.ObservedMask(), (1U << 15) | (1U << 7) | 1U);
}

TEST(ComparisonPatternTest, ParsesAndPrintsLetters) {
  const ComparisonPattern pattern = P("ADMA");
  EXPECT_EQ(pattern, ComparisonPattern::FromAgreements({Agreement::kAgree, Agreement::kDisagree,
                                                        Agreement::kMissing, Agreement::kAgree}));
  EXPECT_EQ(pattern.ToString(4), "ADMA");
  EXPECT_EQ(pattern.ToString(6), "ADMAMM");
  EXPECT_EQ(ComparisonPattern::FromCode(pattern.code()), pattern);
}

TEST(ComparisonPatternTest, RefusesUnknownLettersAndTooManyKeys) {
  const auto bad_letter = ComparisonPattern::Parse("AAX");
  ASSERT_FALSE(bad_letter.has_value());
  EXPECT_EQ(bad_letter.error().code, Code::kInvalidArgument);
  EXPECT_NE(bad_letter.error().message.find("position 3"), std::string::npos);
  EXPECT_FALSE(ComparisonPattern::Parse(std::string(17, 'A')).has_value());
  EXPECT_TRUE(ComparisonPattern::Parse(std::string(16, 'A')).has_value());
}

TEST(PatternCountsTest, CountsMergesAndSortsByCode) {
  PatternCounts counts(3);
  counts.Add(P("AAD"));
  counts.Add(P("AAD"), 2.0);
  counts.Add(P("MMA"), 0.5);
  PatternCounts more(3);
  more.Add(P("AAD"), 1.0);
  counts.Merge(more, 10.0);
  EXPECT_DOUBLE_EQ(counts.Count(P("AAD")), 13.0);
  EXPECT_DOUBLE_EQ(counts.Count(P("MMA")), 0.5);
  EXPECT_DOUBLE_EQ(counts.Count(P("DDD")), 0.0);
  EXPECT_DOUBLE_EQ(counts.Total(), 13.5);
  const auto sorted = counts.Sorted();
  ASSERT_EQ(sorted.size(), 2U);
  EXPECT_LT(sorted[0].first.code(), sorted[1].first.code());
}

TEST(KeyTypesTest, RefusesEmptyDuplicateAndOutOfRangeKeyTypes) {
  EXPECT_FALSE(ValidateKeyTypes({}).has_value());
  EXPECT_FALSE(ValidateKeyTypes({{.name = ""}}).has_value());
  EXPECT_FALSE(ValidateKeyTypes({{.name = "has space"}}).has_value());
  EXPECT_FALSE(ValidateKeyTypes({{.name = "nhs"}, {.name = "nhs"}}).has_value());
  EXPECT_FALSE(ValidateKeyTypes({{.name = "nhs", .seed_m = 1.0}}).has_value());
  EXPECT_FALSE(ValidateKeyTypes({{.name = "nhs", .seed_u = 0.0}}).has_value());
  std::vector<KeyType> seventeen;
  seventeen.reserve(17);
  for (int i = 0; i < 17; ++i) seventeen.push_back({.name = "key" + std::to_string(i)});
  EXPECT_FALSE(ValidateKeyTypes(seventeen).has_value());
  seventeen.pop_back();
  EXPECT_TRUE(ValidateKeyTypes(seventeen).has_value());
}

TEST(MatchModelTest, WeightsAreLog2RatiosOfMAndU) {
  const MatchModel model = HandModel();
  EXPECT_DOUBLE_EQ(model.AgreementWeight(0), 2.0);
  EXPECT_DOUBLE_EQ(model.DisagreementWeight(0), -2.0);
  EXPECT_DOUBLE_EQ(model.AgreementWeight(1), 2.0);
  EXPECT_NEAR(model.DisagreementWeight(1), std::log2(4.0 / 7.0), 1e-12);
  EXPECT_NEAR(model.AgreementWeight(2), std::log2(1.5), 1e-12);
  EXPECT_NEAR(model.DisagreementWeight(2), -1.0, 1e-12);
  EXPECT_EQ(model.KeyWeight(0, Agreement::kMissing), 0.0);
}

TEST(MatchModelTest, TotalWeightSumsKeysAndSkipsMissing) {
  const MatchModel model = HandModel();
  EXPECT_NEAR(model.TotalWeight(P("AMD")), 2.0 + 0.0 - 1.0, 1e-12);
  EXPECT_NEAR(model.TotalWeight(P("AAA")), 4.0 + std::log2(1.5), 1e-12);
  EXPECT_NEAR(model.TotalWeight(P("DDD")), -2.0 + std::log2(4.0 / 7.0) - 1.0, 1e-12);
  EXPECT_EQ(model.TotalWeight(P("MMM")), 0.0);
}

TEST(MatchModelTest, PosteriorCombinesWeightWithPriorOdds) {
  const MatchModel model = HandModel();
  EXPECT_NEAR(model.PriorLogOdds(), -2.0, 1e-12);
  // Weight 1 with prior log-odds -2: odds 2^-1, so P = 1/3.
  EXPECT_NEAR(model.MatchProbability(P("AMD")), 1.0 / 3.0, 1e-12);
  // Weight 2: odds 1, P = 1/2. Weight 4: odds 4, P = 0.8.
  EXPECT_NEAR(model.MatchProbability(P("AMM")), 0.5, 1e-12);
  EXPECT_NEAR(model.MatchProbability(P("AAM")), 0.8, 1e-12);
  // Nothing compared: the posterior is the prior.
  EXPECT_NEAR(model.MatchProbability(P("MMM")), 0.2, 1e-12);
}

TEST(MatchModelTest, PosteriorStaysFiniteForExtremeWeights) {
  const MatchModel model = HandModel();
  EXPECT_EQ(model.MatchProbabilityForWeight(5000.0), 1.0);
  EXPECT_EQ(model.MatchProbabilityForWeight(-5000.0), 0.0);
  EXPECT_FALSE(std::isnan(model.MatchProbabilityForWeight(-1e308)));
}

TEST(MatchModelTest, RefusesParametersOutsideTheOpenUnitInterval) {
  EXPECT_FALSE(MatchModel::Create({"a"}, {{.m = 1.0, .u = 0.1}}, 0.1).has_value());
  EXPECT_FALSE(MatchModel::Create({"a"}, {{.m = 0.9, .u = 0.0}}, 0.1).has_value());
  EXPECT_FALSE(MatchModel::Create({"a"}, {{.m = 0.9, .u = 0.1}}, 0.0).has_value());
  EXPECT_FALSE(MatchModel::Create({"a"}, {{.m = NAN, .u = 0.1}}, 0.1).has_value());
  EXPECT_FALSE(MatchModel::Create({"a", "b"}, {{.m = 0.9, .u = 0.1}}, 0.1).has_value());
  EXPECT_FALSE(MatchModel::Create({"a", "a"}, {{.m = 0.9, .u = 0.1}, {.m = 0.9, .u = 0.1}}, 0.1)
                   .has_value());
  EXPECT_FALSE(MatchModel::Create({}, {}, 0.1).has_value());
}

TEST(BandsTest, NamesRoundTrip) {
  for (Band band : {Band::kNonMatch, Band::kReview, Band::kAutoMatch}) {
    EXPECT_EQ(ParseBand(BandName(band)), band);
  }
  EXPECT_EQ(BandName(Band::kAutoMatch), "auto");
  EXPECT_EQ(BandName(Band::kNonMatch), "non-match");
  EXPECT_FALSE(ParseBand("Auto").has_value());
}

TEST(BandsTest, ThresholdsForProbabilitiesInvertThePosterior) {
  const MatchModel model = HandModel();
  const auto thresholds = ThresholdsForProbabilities(model, 0.8, 0.5);
  ASSERT_TRUE(thresholds.has_value());
  EXPECT_NEAR(thresholds->auto_match, 4.0, 1e-12);  // log2(4) + 2
  EXPECT_NEAR(thresholds->review, 2.0, 1e-12);      // log2(1) + 2
  EXPECT_FALSE(ThresholdsForProbabilities(model, 0.5, 0.8).has_value());
  EXPECT_FALSE(ThresholdsForProbabilities(model, 1.0, 0.5).has_value());
}

TEST(BandsTest, DefaultThresholdsSitAtPosteriors99And50Percent) {
  const MatchModel model = HandModel();
  const BandThresholds thresholds = DefaultBandThresholds(model);
  EXPECT_NEAR(model.MatchProbabilityForWeight(thresholds.auto_match), 0.99, 1e-12);
  EXPECT_NEAR(model.MatchProbabilityForWeight(thresholds.review), 0.5, 1e-12);
}

TEST(BandsTest, ClassifiesAtAndAroundTheThresholds) {
  const auto thresholds = MakeBandThresholds(4.0, 2.0);
  ASSERT_TRUE(thresholds.has_value());
  EXPECT_EQ(ClassifyWeight(4.0, *thresholds), Band::kAutoMatch);
  EXPECT_EQ(ClassifyWeight(3.999, *thresholds), Band::kReview);
  EXPECT_EQ(ClassifyWeight(2.0, *thresholds), Band::kReview);
  EXPECT_EQ(ClassifyWeight(1.999, *thresholds), Band::kNonMatch);
  EXPECT_FALSE(MakeBandThresholds(1.0, 2.0).has_value());
  EXPECT_FALSE(MakeBandThresholds(INFINITY, 2.0).has_value());
}

TEST(BandsTest, ExplanationListsKeyTypesByNameWithTheirWeights) {
  const MatchModel model = HandModel();
  const auto thresholds = MakeBandThresholds(4.0, 2.0);
  ASSERT_TRUE(thresholds.has_value());
  const Explanation explanation = Explain(model, *thresholds, P("ADM"));
  ASSERT_EQ(explanation.contributions.size(), 3U);
  EXPECT_EQ(explanation.contributions[0].key_type, "nhs_number");
  EXPECT_EQ(explanation.contributions[0].outcome, Agreement::kAgree);
  EXPECT_DOUBLE_EQ(explanation.contributions[0].weight, 2.0);
  EXPECT_EQ(explanation.contributions[1].outcome, Agreement::kDisagree);
  EXPECT_NEAR(explanation.contributions[1].weight, std::log2(4.0 / 7.0), 1e-12);
  EXPECT_EQ(explanation.contributions[2].weight, 0.0);
  EXPECT_NEAR(explanation.total_weight, 2.0 + std::log2(4.0 / 7.0), 1e-12);
  EXPECT_EQ(explanation.band, Band::kNonMatch);
  EXPECT_EQ(explanation.KeyTypesWith(Agreement::kAgree), std::vector<std::string>{"nhs_number"});
  EXPECT_EQ(explanation.KeyTypesWith(Agreement::kDisagree),
            std::vector<std::string>{"surname_dob"});
  EXPECT_EQ(explanation.KeyTypesWith(Agreement::kMissing), std::vector<std::string>{"district"});
}

TEST(BandsTest, FormatsAnExplanationOnOneLine) {
  const MatchModel model = HandModel();
  const auto thresholds = MakeBandThresholds(4.0, 2.0);
  ASSERT_TRUE(thresholds.has_value());
  EXPECT_EQ(FormatExplanation(Explain(model, *thresholds, P("AMM"))),
            "review: weight 2.00, P(match) 0.5000; agreed nhs_number +2.00; missing "
            "surname_dob, district");
  EXPECT_EQ(FormatExplanation(Explain(model, *thresholds, P("AAD"))),
            "review: weight 3.00, P(match) 0.6667; agreed nhs_number +2.00, surname_dob +2.00; "
            "disagreed district -1.00");
}

// Weights 10..1 labelled T T F T T F F T F F: precision of "weight >= W" is
// 1, 1, .667, .75, .8, .667, .571, .625, .556, .5 for W = 10..1.
std::vector<LabelledPair> TenLabelledPairs() {
  const std::string labels = "TTFTTFFTFF";
  std::vector<LabelledPair> pairs;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    pairs.push_back({.weight = 10.0 - static_cast<double>(i), .same_person = labels[i] == 'T'});
  }
  return pairs;
}

TEST(BandsTest, PicksTheLowestThresholdsThatReachTheTargetPrecisions) {
  const auto thresholds = PickThresholdsForPrecision(TenLabelledPairs(), 0.8, 0.6);
  ASSERT_TRUE(thresholds.has_value()) << thresholds.error().message;
  EXPECT_EQ(thresholds->auto_match, 6.0);
  EXPECT_EQ(thresholds->review, 3.0);
  const auto exact = PickThresholdsForPrecision(TenLabelledPairs(), 1.0, 0.5);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->auto_match, 9.0);
  EXPECT_EQ(exact->review, 1.0);
}

TEST(BandsTest, TreatsTiedWeightsAsOneStep) {
  // At weight 5 one pair is a match and one is not: "weight >= 5" has precision 1/2, never 1.
  const std::vector<LabelledPair> pairs = {{.weight = 5.0, .same_person = true},
                                           {.weight = 5.0, .same_person = false}};
  const auto thresholds = PickThresholdsForPrecision(pairs, 0.9, 0.5);
  ASSERT_FALSE(thresholds.has_value());
  EXPECT_EQ(thresholds.error().code, Code::kNotFound);
  EXPECT_NE(thresholds.error().message.find("best 0.5000"), std::string::npos);
}

TEST(BandsTest, RefusesInconsistentPrecisionTargets) {
  EXPECT_FALSE(PickThresholdsForPrecision(TenLabelledPairs(), 0.6, 0.8).has_value());
  EXPECT_FALSE(PickThresholdsForPrecision(TenLabelledPairs(), 1.5, 0.8).has_value());
  EXPECT_FALSE(PickThresholdsForPrecision({}, 0.9, 0.8).has_value());
}

}  // namespace
}  // namespace tandem::core::matching
