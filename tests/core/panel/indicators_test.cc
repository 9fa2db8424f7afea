#include "core/panel/indicators.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/panel/triage.h"
#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;
using testing::Occ;

const Date kRef = *Date::FromYmd(2026, 11, 1);

std::vector<std::string> FiredRules(const std::vector<Occurrence>& history) {
  const std::vector<IndicatorRule> rules = DefaultIndicatorRules();
  Result<std::vector<IndicatorHit>> hits =
      EvaluateIndicators(history, kRef, rules, OffenceTable::Approximate());
  EXPECT_TRUE(hits.has_value()) << hits.error().message;
  std::vector<std::string> ids;
  if (hits) {
    for (const IndicatorHit& hit : *hits) ids.push_back(hit.rule_id);
  }
  return ids;
}

TEST(IndicatorsTest, DefaultTableHoldsTheSixRulesAndIsValid) {
  const std::vector<IndicatorRule> rules = DefaultIndicatorRules();
  ASSERT_EQ(rules.size(), 6u);
  EXPECT_TRUE(ValidateIndicatorRules(rules, OffenceTable::Approximate()).has_value());
}

TEST(IndicatorsTest, StalkingFiresAndNamesTheIncident) {
  const std::vector<Occurrence> history = {Occ("OC4", "STALKING", "2026-03-02", false)};
  Result<std::vector<IndicatorHit>> hits =
      EvaluateIndicators(history, kRef, DefaultIndicatorRules(), OffenceTable::Approximate());
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].rule_id, "stalking");
  EXPECT_EQ((*hits)[0].occurrence_ids, std::vector<std::string>{"OC4"});
  EXPECT_NE((*hits)[0].detail.find("OC4 STALKING on 2026-03-02"), std::string::npos);
}

TEST(IndicatorsTest, CoerciveControlFires) {
  EXPECT_EQ(FiredRules({Occ("OC1", "CONTROLLING_COERCIVE", "2026-01-10", true, "V1")}),
            std::vector<std::string>{"coercive-control"});
}

TEST(IndicatorsTest, NonFatalStrangulationFires) {
  EXPECT_EQ(FiredRules({Occ("OC1", "NON_FATAL_STRANGULATION", "2025-08-10", true, "V1")}),
            std::vector<std::string>{"strangulation"});
}

TEST(IndicatorsTest, BreachOfAnOrderFires) {
  EXPECT_EQ(FiredRules({Occ("OC1", "BREACH_PROTECTIVE_ORDER", "2025-08-10", true, "V1")}),
            std::vector<std::string>{"breach-of-order"});
}

TEST(IndicatorsTest, AnIndicatorOutsideItsWindowOrAsVictimDoesNotFire) {
  EXPECT_TRUE(FiredRules({Occ("OC1", "STALKING", "2024-05-01", true, "V1")}).empty());
  EXPECT_TRUE(FiredRules({Occ("OC1", "STALKING", "2026-05-01", true, "", Role::kVictim)}).empty());
  EXPECT_TRUE(FiredRules({Occ("OC1", "STALKING", "2026-05-01", true, "", Role::kWitness)}).empty());
}

TEST(IndicatorsTest, EscalationFiresOnMoreIncidentsInTheLastSixMonths) {
  // Previous period (2025-11-01, 2026-05-01]: one; recent (2026-05-01, 2026-11-01]: two.
  const std::vector<Occurrence> history = {
      Occ("OC1", "COMMON_ASSAULT", "2026-02-01", true, "V1"),
      Occ("OC2", "COMMON_ASSAULT", "2026-06-01", true, "V1"),
      Occ("OC3", "COMMON_ASSAULT", "2026-09-01", true, "V1"),
  };
  Result<std::vector<IndicatorHit>> hits =
      EvaluateIndicators(history, kRef, DefaultIndicatorRules(), OffenceTable::Approximate());
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].rule_id, "escalation");
  EXPECT_NE((*hits)[0].detail.find("2 incident(s) in the last 6 months against 1"),
            std::string::npos)
      << (*hits)[0].detail;
}

TEST(IndicatorsTest, EscalationFiresOnAGraverRecentIncident) {
  const std::vector<Occurrence> history = {
      Occ("OC1", "ABH", "2026-01-01", true, "V1"),
      Occ("OC2", "GBH", "2026-08-01", true, "V1"),
  };
  Result<std::vector<IndicatorHit>> hits =
      EvaluateIndicators(history, kRef, DefaultIndicatorRules(), OffenceTable::Approximate());
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].rule_id, "escalation");
  EXPECT_NE((*hits)[0].detail.find("365 CCHI days against 182"), std::string::npos);
}

TEST(IndicatorsTest, EscalationDoesNotFireOnASteadyOrFallingPattern) {
  // Two and two of the same gravity.
  EXPECT_TRUE(FiredRules({Occ("OC1", "ABH", "2026-01-01", true, "V1"),
                          Occ("OC2", "ABH", "2026-02-01", true, "V1"),
                          Occ("OC3", "ABH", "2026-07-01", true, "V1"),
                          Occ("OC4", "ABH", "2026-08-01", true, "V1")})
                  .empty());
  // One recent incident with nothing before: below the rule's minimum of two.
  EXPECT_TRUE(FiredRules({Occ("OC1", "ABH", "2026-08-01", true, "V1")}).empty());
  // Non-domestic incidents do not count towards domestic abuse escalation.
  EXPECT_TRUE(FiredRules({Occ("OC1", "THEFT_SHOP", "2026-06-01", false),
                          Occ("OC2", "THEFT_SHOP", "2026-07-01", false)})
                  .empty());
}

TEST(IndicatorsTest, SerialFiresOnTwoVictimsWithinThirtySixMonths) {
  EXPECT_EQ(FiredRules({Occ("OC1", "COMMON_ASSAULT", "2024-01-01", true, "V1"),
                        Occ("OC2", "COMMON_ASSAULT", "2025-01-01", true, "V2")}),
            std::vector<std::string>{"serial"});
  EXPECT_TRUE(FiredRules({Occ("OC1", "COMMON_ASSAULT", "2023-01-01", true, "V1"),
                          Occ("OC2", "COMMON_ASSAULT", "2025-01-01", true, "V2")})
                  .empty());
}

TEST(IndicatorsTest, RefusesARuleNamingAnOffenceOutsideTheTable) {
  std::vector<IndicatorRule> rules = DefaultIndicatorRules();
  rules[0].offence_codes = {"CYBERSTALKING"};
  Status status = ValidateIndicatorRules(rules, OffenceTable::Approximate());
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("CYBERSTALKING"), std::string::npos);
  rules = DefaultIndicatorRules();
  rules.push_back(rules[0]);
  EXPECT_FALSE(
      ValidateIndicatorRules(rules, OffenceTable::Approximate()).has_value());  // repeated id
}

TEST(TriageTest, AContextualIndicatorPutsForwardAPersonWithALowScore) {
  const std::vector<Occurrence> history = {Occ("OC1", "STALKING", "2025-03-01", true, "V1")};
  Result<TriageAssessment> triage = Triage(history, kRef, TriageConfig{});
  ASSERT_TRUE(triage.has_value());
  EXPECT_LT(triage->score.total, TriageConfig{}.rfgv.threshold);
  EXPECT_TRUE(triage->put_forward);
  ASSERT_EQ(triage->reasons.size(), 1u);
  EXPECT_EQ(triage->reasons[0].rfind("stalking:", 0), 0u) << triage->reasons[0];
}

TEST(TriageTest, ALowScoreWithoutIndicatorIsNotPutForwardAndSaysWhy) {
  const std::vector<Occurrence> history = {Occ("OC1", "COMMON_ASSAULT", "2025-03-01", true, "V1")};
  Result<TriageAssessment> triage = Triage(history, kRef, TriageConfig{});
  ASSERT_TRUE(triage.has_value());
  EXPECT_FALSE(triage->put_forward);
  ASSERT_EQ(triage->reasons.size(), 1u);
  EXPECT_NE(triage->reasons[0].find("no contextual indicator"), std::string::npos);
}

TEST(TriageTest, AHighScorePutsForwardWithTheScoreAsFirstReason) {
  const std::vector<Occurrence> history = {
      Occ("OC1", "ABH", "2026-02-01", true, "V1"), Occ("OC2", "ABH", "2026-03-01", true, "V1"),
      Occ("OC3", "ABH", "2026-04-01", true, "V1"), Occ("OC4", "ABH", "2026-07-01", true, "V1"),
      Occ("OC5", "ABH", "2026-10-01", true, "V1")};
  Result<TriageAssessment> triage = Triage(history, kRef, TriageConfig{});
  ASSERT_TRUE(triage.has_value());
  EXPECT_EQ(triage->score.total, 4 + 3 + 3 + 1);
  EXPECT_TRUE(triage->put_forward);
  EXPECT_EQ(triage->reasons[0].rfind("RFGV 11", 0), 0u) << triage->reasons[0];
}

}  // namespace
}  // namespace tandem::core::panel
