// The cohort metrics on hand-built cohorts whose figures are worked out by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/eval/algorithm_validation.h"
#include "core/eval/caseload.h"
#include "core/eval/harm_change.h"
#include "core/eval/interventions.h"
#include "core/eval/quantiles.h"
#include "core/eval/referrals.h"

namespace tandem::core::eval {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// Four adopted on 2024-01-01; one adopted later without full follow-up.
struct Cohort {
  std::vector<CohortMember> members = {{"p1", D(2024, 1, 1)},
                                       {"p2", D(2024, 1, 1)},
                                       {"p3", D(2024, 1, 1)},
                                       {"p4", D(2024, 1, 1)},
                                       {"late", D(2024, 11, 1)}};
  std::vector<OffenceEvent> offences = {
      // p1: 3 offences / 425 days before, 1 / 10 after: reduced, not stopped.
      {"p1", D(2023, 3, 1), 365},
      {"p1", D(2023, 6, 1), 50},
      {"p1", D(2023, 12, 31), 10},
      {"p1", D(2024, 5, 1), 10},
      // p2: 2 / 120 before, none after: reduced and stopped.
      {"p2", D(2023, 2, 1), 60},
      {"p2", D(2023, 9, 9), 60},
      // p3: 1 / 10 before, 2 / 192 after (one on the adoption day): increased.
      {"p3", D(2023, 7, 7), 10},
      {"p3", D(2024, 1, 1), 182},
      {"p3", D(2024, 12, 30), 10},
      // p4: none before, none after (an offence outside both windows).
      {"p4", D(2022, 12, 31), 365},
      {"p4", D(2025, 1, 1), 365},
      {"late", D(2024, 12, 1), 10},
  };
};

TEST(HarmChangeTest, CountsPerPersonSharesTotalsAndValue) {
  Cohort c;
  HarmChangeOptions options;
  options.data_end = D(2025, 6, 1);
  const auto report = ComputeHarmChange(c.members, c.offences, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(report->people.size(), 4u);
  EXPECT_EQ(report->incomplete_follow_up, 1u);
  EXPECT_EQ(report->people[0].offences_before, 3);
  EXPECT_DOUBLE_EQ(report->people[0].harm_before, 425);
  EXPECT_EQ(report->people[0].offences_after, 1);
  EXPECT_EQ(report->people[2].offences_after, 2);
  EXPECT_DOUBLE_EQ(report->people[2].harm_after, 192);
  EXPECT_EQ(report->people[3].offences_before + report->people[3].offences_after, 0);
  EXPECT_EQ(report->reduced_offending, 2u);
  EXPECT_EQ(report->no_further_offences, 2u);  // p2 and p4
  EXPECT_DOUBLE_EQ(report->share_reduced_offending, 0.5);
  EXPECT_DOUBLE_EQ(report->share_no_further_offences, 0.5);
  EXPECT_EQ(report->offences_before, 6);
  EXPECT_EQ(report->offences_after, 3);
  EXPECT_DOUBLE_EQ(*report->offences_relative_change, -0.5);
  EXPECT_DOUBLE_EQ(report->harm_before, 555);
  EXPECT_DOUBLE_EQ(report->harm_after, 202);
  EXPECT_DOUBLE_EQ(report->value_of_harm_reduction, (555 - 202) * 65.75);
  ASSERT_TRUE(report->wilcoxon.has_value());
  EXPECT_EQ(report->wilcoxon->n, 3u);  // p4's zero difference is dropped
  EXPECT_EQ(report->wilcoxon->zero_dropped, 1u);
}

TEST(HarmChangeTest, ReproducesTheDorsetHeadlineFigures) {
  // 8 people, 56 offences before and 25 after; 6 reduced, 3 stopped (domain.md).
  const std::vector<int> before = {10, 9, 8, 7, 7, 6, 5, 4};
  const std::vector<int> after = {4, 0, 0, 3, 0, 5, 5, 8};
  std::vector<CohortMember> members;
  std::vector<OffenceEvent> offences;
  for (int p = 0; p < 8; ++p) {
    const std::string s = "d" + std::to_string(p);
    members.push_back({s, D(2020, 7, 1)});
    for (int i = 0; i < before[p]; ++i) offences.push_back({s, D(2020, 1, 1 + i), 10});
    for (int i = 0; i < after[p]; ++i) offences.push_back({s, D(2021, 1, 1 + i), 10});
  }
  const auto report = ComputeHarmChange(members, offences);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->offences_before, 56);
  EXPECT_EQ(report->offences_after, 25);
  EXPECT_NEAR(*report->offences_relative_change, -0.5536, 1e-4);
  EXPECT_EQ(report->reduced_offending, 6u);
  EXPECT_DOUBLE_EQ(report->share_reduced_offending, 0.75);
  EXPECT_EQ(report->no_further_offences, 3u);
  EXPECT_NEAR(report->share_no_further_offences, 0.375, 1e-12);
}

TEST(HarmChangeTest, RejectsRepeatedSubjectsAndBadWeights) {
  const std::vector<CohortMember> twice = {{"a", D(2024, 1, 1)}, {"a", D(2024, 2, 1)}};
  EXPECT_EQ(ComputeHarmChange(twice, {}).error().code, Code::kInvalidArgument);
  const std::vector<CohortMember> one = {{"pseudonym-7f3a", D(2024, 1, 1)}};
  const std::vector<OffenceEvent> bad = {{"pseudonym-7f3a", D(2024, 1, 2), -1}};
  const auto result = ComputeHarmChange(one, bad);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message.find("pseudonym"), std::string::npos);
  EXPECT_NE(result.error().message.find("offence 1"), std::string::npos);
  const auto none = ComputeHarmChange(one, {});
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->wilcoxon.has_value());
  EXPECT_FALSE(none->wilcoxon_unavailable.empty());
}

const std::vector<CatalogueEntry> kCatalogue = {
    {"clares_law_disclosure", InterventionCategory::kDisruptive, false},
    {"dvpo", InterventionCategory::kDisruptive, true},
    {"housing_help", InterventionCategory::kRehabilitative, false},
    {"substance_misuse_referral", InterventionCategory::kBoth, false},
};

TEST(CoverageTest, CountsSubjectsByTypeCategoryAndCivilMeasure) {
  const std::vector<std::string> cohort = {"a", "b", "c", "d"};
  const std::vector<InterventionEvent> events = {
      {"a", "clares_law_disclosure", D(2024, 1, 5), std::nullopt},
      {"a", "dvpo", D(2024, 1, 6), std::nullopt},
      {"b", "dvpo", D(2024, 2, 1), std::nullopt},
      {"b", "dvpo", D(2024, 3, 1), std::nullopt},
      {"c", "housing_help", D(2024, 2, 1), D(2024, 4, 1)},
      {"d", "substance_misuse_referral", D(2024, 2, 1), std::nullopt},
      {"zz", "housing_help", D(2024, 2, 1), std::nullopt},
  };
  const std::vector<Applicability> applicable = {{"clares_law_disclosure", {"a", "zz"}},
                                                 {"substance_misuse_referral", {"c", "d", "b"}}};
  const auto report = ComputeCoverage(cohort, kCatalogue, events, applicable);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->outside_cohort, 1u);
  ASSERT_EQ(report->by_type.size(), 4u);
  EXPECT_EQ(report->by_type[0].applicable, 1u);  // only a; zz is not in the cohort
  EXPECT_DOUBLE_EQ(report->by_type[0].share, 1.0);
  EXPECT_EQ(report->by_type[1].events, 3u);
  EXPECT_EQ(report->by_type[1].subjects, 2u);
  EXPECT_DOUBLE_EQ(report->by_type[1].share, 0.5);
  EXPECT_EQ(report->by_type[3].applicable, 3u);
  EXPECT_NEAR(report->by_type[3].share, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(report->by_category[0].subjects, 2u);  // disruptive: a, b
  EXPECT_EQ(report->by_category[1].subjects, 1u);  // rehabilitative: c
  EXPECT_EQ(report->by_category[2].subjects, 1u);  // both: d
  EXPECT_EQ(report->with_any_intervention, 4u);
  EXPECT_EQ(report->with_civil_measure, 2u);
  EXPECT_DOUBLE_EQ(report->civil_measure_rate, 0.5);
}

TEST(CoverageTest, RejectsATypeMissingFromTheCatalogue) {
  const std::vector<std::string> cohort = {"a"};
  const std::vector<InterventionEvent> events = {{"a", "teleport", D(2024, 1, 1), std::nullopt}};
  const auto report = ComputeCoverage(cohort, kCatalogue, events);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("'teleport'"), std::string::npos);
  const std::vector<CatalogueEntry> twice = {kCatalogue[0], kCatalogue[0]};
  EXPECT_EQ(ComputeCoverage(cohort, twice, {}).error().code, Code::kInvalidArgument);
}

TEST(ReoffendingTest, CountsOffencesAfterTheFirstCompletion) {
  const std::vector<InterventionEvent> events = {
      {"a", "housing_help", D(2024, 1, 1), D(2024, 2, 1)},
      {"a", "housing_help", D(2024, 3, 1), D(2024, 6, 1)},  // later completion ignored
      {"b", "housing_help", D(2024, 1, 1), D(2024, 2, 1)},
      {"c", "substance_misuse_referral", D(2024, 1, 1), D(2024, 3, 1)},
      {"d", "dvpo", D(2024, 1, 1), std::nullopt},           // not completed
      {"e", "housing_help", D(2025, 1, 1), D(2025, 5, 1)},  // follow-up beyond data_end
  };
  const std::vector<OffenceEvent> offences = {
      {"a", D(2024, 5, 1), 10},  // within a's year after 2024-02-01
      {"b", D(2024, 2, 1), 10},  // on the completion day: not after it
      {"c", D(2025, 3, 1), 10},  // 365 days after 2024-03-01: inside (day+1 .. day+365)
      {"d", D(2024, 5, 1), 10},
  };
  ReoffendingOptions options;
  options.data_end = D(2025, 6, 1);
  const auto report = ComputeReoffendingAfterCompletion(kCatalogue, events, offences, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(report->by_type.size(), 2u);
  EXPECT_EQ(report->by_type[0].label, "housing_help");
  EXPECT_EQ(report->by_type[0].completers, 2u);
  EXPECT_EQ(report->by_type[0].reoffended, 1u);
  EXPECT_EQ(report->by_type[0].incomplete_follow_up, 1u);
  EXPECT_DOUBLE_EQ(report->by_type[0].rate, 0.5);
  EXPECT_EQ(report->by_type[1].reoffended, 1u);
  EXPECT_EQ(report->any.completers, 3u);
  EXPECT_EQ(report->any.reoffended, 2u);
  EXPECT_EQ(report->by_category[1].label, "rehabilitative");
  EXPECT_EQ(report->by_category[1].completers, 2u);
}

TEST(QuantilesTest, InterpolatesLinearlyBetweenOrderStatistics) {
  const std::vector<double> v = {7, 1, 3, 10};
  const auto q = QuartilesOf(v);
  ASSERT_TRUE(q.has_value());
  EXPECT_DOUBLE_EQ(q->q1, 2.5);  // h = 0.75: 1 + 0.75 * 2
  EXPECT_DOUBLE_EQ(q->median, 5.0);
  EXPECT_DOUBLE_EQ(q->q3, 7.75);  // h = 2.25: 7 + 0.25 * 3
  EXPECT_DOUBLE_EQ(q->Iqr(), 5.25);
  EXPECT_FALSE(QuartilesOf(std::vector<double>{}).has_value());
  EXPECT_FALSE(Quantile(v, 1.5).has_value());
}

TEST(ReferralsTest, CountsPathwaysDecisionsReasonsDelaysAndLaterOffending) {
  const std::vector<Referral> referrals = {
      {"a", "marac", D(2024, 1, 1), Decision::kAdopted, D(2024, 1, 11), "escalation"},
      {"b", "marac", D(2024, 1, 1), Decision::kRefused, D(2024, 1, 21), "no recent incident"},
      {"c", "algorithm", D(2024, 1, 1), Decision::kRefused, D(2024, 1, 31), "managed by MAPPA"},
      {"d", "algorithm", D(2024, 1, 1), Decision::kRefused, D(2024, 2, 10), "no recent incident"},
      {"d", "algorithm", D(2024, 3, 1), Decision::kAdopted, D(2024, 3, 5), "new victim"},
      {"e", "partner_agency", D(2024, 2, 1), Decision::kPending, std::nullopt, ""},
      {"f", "marac", D(2024, 2, 1), Decision::kDeferred, D(2024, 2, 2), ""},
  };
  const std::vector<OffenceEvent> offences = {
      {"b", D(2024, 6, 1), 182},
      {"b", D(2024, 7, 1), 10},
      {"c", D(2023, 12, 1), 365},
      {"d", D(2024, 6, 1), 60},  // d was adopted later: not "not taken forward"
  };
  const auto report = ComputeReferrals(referrals, offences);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->referrals, 7u);
  ASSERT_EQ(report->by_pathway.size(), 3u);
  EXPECT_EQ(report->by_pathway[0].label, "algorithm");  // 3, ties ordered by label
  EXPECT_EQ(report->by_pathway[0].count, 3u);
  EXPECT_EQ(report->by_pathway[1].label, "marac");
  EXPECT_EQ(report->by_pathway[2].count, 1u);
  EXPECT_EQ(report->by_decision[static_cast<int>(Decision::kRefused)].count, 3u);
  const auto& reasons = report->by_decision[static_cast<int>(Decision::kRefused)].reasons;
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].label, "no recent incident");
  EXPECT_EQ(reasons[0].count, 2u);
  EXPECT_EQ(report->decided, 6u);
  // Days: 10, 20, 30, 40, 4, 1 -> sorted 1 4 10 20 30 40.
  ASSERT_TRUE(report->days_to_decision.has_value());
  EXPECT_DOUBLE_EQ(report->days_to_decision->median, 15.0);
  EXPECT_DOUBLE_EQ(report->days_to_decision->q1, 5.5);
  EXPECT_DOUBLE_EQ(report->days_to_decision->q3, 27.5);
  EXPECT_EQ(report->not_taken_forward.people, 2u);  // b and c
  EXPECT_EQ(report->not_taken_forward.reoffended, 1u);
  EXPECT_EQ(report->not_taken_forward.offences, 2);
  EXPECT_DOUBLE_EQ(report->not_taken_forward.harm, 192);
  EXPECT_DOUBLE_EQ(report->not_taken_forward.rate, 0.5);
}

TEST(ReferralsTest, RejectsADecisionWithoutADate) {
  const std::vector<Referral> referrals = {
      {"a", "marac", D(2024, 1, 1), Decision::kAdopted, std::nullopt, ""}};
  const auto report = ComputeReferrals(referrals, {});
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("referral 1"), std::string::npos);
}

TEST(AlgorithmValidationTest, ComputesBandsOverlapAndCorrelation) {
  // 12 ranked people; harm falls with rank except for two swaps.
  const std::vector<double> harm = {500, 400, 30, 300, 200, 0, 100, 50, 0, 20, 0, 10};
  std::vector<RankedOutcome> outcomes;
  for (int r = 1; r <= 12; ++r) {
    outcomes.push_back({"s" + std::to_string(100 + r), r, harm[r - 1], harm[r - 1] > 0 ? 1 : 0});
  }
  ValidationOptions options;
  options.bands = {{1, 4}, {5, 8}, {9, 12}};
  options.overlaps = {{4, 4}, {4, 6}, {2, 1}};
  const auto report = ValidateRanking(outcomes, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->people, 12u);
  EXPECT_DOUBLE_EQ(report->bands[0].mean_harm, (500 + 400 + 30 + 300) / 4.0);
  EXPECT_DOUBLE_EQ(report->bands[1].mean_harm, (200 + 0 + 100 + 50) / 4.0);
  EXPECT_DOUBLE_EQ(report->bands[2].mean_harm, 30 / 4.0);
  EXPECT_DOUBLE_EQ(report->bands[2].mean_offences, 0.5);
  // Actual top 4 by harm: ranks 1, 2, 4, 5. In the ranking's top 4: 3 of them.
  EXPECT_EQ(report->overlaps[0].found, 3u);
  EXPECT_DOUBLE_EQ(report->overlaps[0].share, 0.75);
  EXPECT_EQ(report->overlaps[1].found, 4u);
  EXPECT_EQ(report->overlaps[2].found, 1u);
  EXPECT_EQ(report->overlaps[0].tied_at_cutoff, 0u);
  ASSERT_TRUE(report->rank_vs_harm.has_value());
  EXPECT_LT(report->rank_vs_harm->rho, -0.7);
  EXPECT_EQ(report->rank_vs_harm->method, PValueMethod::kStudentT);
  ASSERT_TRUE(report->rank_vs_offences.has_value());
  EXPECT_LT(report->rank_vs_offences->rho, 0.0);
}

TEST(AlgorithmValidationTest, CountsTiesAtTheCutoffOfTheActualTop) {
  std::vector<RankedOutcome> outcomes = {
      {"a", 1, 100, 1}, {"b", 2, 0, 0}, {"c", 3, 10, 1}, {"d", 4, 10, 1}, {"e", 5, 10, 1}};
  ValidationOptions options;
  options.overlaps = {{2, 2}};
  const auto report = ValidateRanking(outcomes, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->overlaps[0].actual, 2u);
  EXPECT_EQ(report->overlaps[0].tied_at_cutoff, 3u);
  EXPECT_EQ(report->overlaps[0].found, 1u);  // a; c wins the tie by pseudonym, rank 3 > 2
}

TEST(AlgorithmValidationTest, RejectsRepeatedRanks) {
  const std::vector<RankedOutcome> outcomes = {{"a", 1, 0, 0}, {"b", 1, 0, 0}, {"c", 2, 0, 0}};
  EXPECT_EQ(ValidateRanking(outcomes).error().code, Code::kInvalidArgument);
}

TEST(RetentionTest, FollowsTheBaselineTopAcrossRuns) {
  const std::vector<RankingRun> runs = {
      {"a", "b", "c", "d", "e", "f"},
      {"b", "a", "x", "c", "d", "e"},
      {"x", "y", "a", "z", "b", "f"},
  };
  const std::vector<int> tops = {2, 4};
  const auto series = TopNRetention(runs, tops);
  ASSERT_TRUE(series.has_value());
  ASSERT_EQ(series->size(), 2u);
  EXPECT_DOUBLE_EQ((*series)[0].points[0].share, 1.0);
  EXPECT_EQ((*series)[0].points[1].retained, 2u);
  EXPECT_EQ((*series)[0].points[2].retained, 0u);
  EXPECT_EQ((*series)[1].points[1].retained, 3u);        // a, b, c of a b c d
  EXPECT_DOUBLE_EQ((*series)[1].points[2].share, 0.25);  // only a
  const std::vector<RankingRun> bad = {{"a", "a"}};
  EXPECT_EQ(TopNRetention(bad, tops).error().code, Code::kInvalidArgument);
}

TEST(CaseloadTest, FlagsManagersOverTheMaximumOrTheHighRiskShare) {
  std::vector<Allocation> allocations;
  for (int i = 0; i < 51; ++i) allocations.push_back({"om1", "s" + std::to_string(i), i < 10});
  for (int i = 0; i < 10; ++i) allocations.push_back({"om2", "t" + std::to_string(i), i < 4});
  allocations.push_back({"om2", "t0", false});  // repeated allocation counts once, stays high
  const auto report = ComputeCaseloads(allocations);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->managers.size(), 2u);
  EXPECT_EQ(report->managers[0].cases, 51u);
  EXPECT_TRUE(report->managers[0].over_maximum);
  EXPECT_FALSE(report->managers[0].high_risk_flagged);  // 10/51 < 30%
  EXPECT_EQ(report->managers[1].cases, 10u);
  EXPECT_EQ(report->managers[1].high_risk, 4u);
  EXPECT_TRUE(report->managers[1].high_risk_flagged);  // 40% > 30%
  EXPECT_EQ(report->over_maximum, 1u);
  EXPECT_EQ(report->high_risk_flagged, 1u);
  EXPECT_DOUBLE_EQ(report->mean_cases, 30.5);
  EXPECT_EQ(report->max_observed, 51u);
}

}  // namespace
}  // namespace tandem::core::eval
