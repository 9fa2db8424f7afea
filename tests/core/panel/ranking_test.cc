#include "core/panel/ranking.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/panel/copas.h"
#include "core/panel/harm.h"
#include "tests/core/panel/panel_test_support.h"

namespace tandem::core::panel {
namespace {

using testing::D;
using testing::Occ;

const Date kRun = *Date::FromYmd(2026, 11, 1);

RankingInput Person(std::string subject, std::vector<Occurrence> occurrences,
                    std::optional<int> ogrs3 = std::nullopt) {
  return {std::move(subject), std::move(occurrences), ogrs3};
}

TEST(RankingTest, MultipliesByOnePointFiveWhenAnOffenceIsHighHarm) {
  // Same CCHI days (365) and the same OGRS3: only the high harm flag differs.
  const std::vector<RankingInput> people = {
      Person("robber", {Occ("OC1", "ROBBERY", "2026-01-01", false)}, 50),
      Person("gbh", {Occ("OC2", "GBH", "2026-01-01", false)}, 50),
  };
  Result<RankingRun> run =
      RunRanking("run-1", kRun, RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value()) << run.error().message;
  ASSERT_EQ(run->entries.size(), 2u);
  EXPECT_EQ(run->entries[0].subject, "gbh");
  EXPECT_TRUE(run->entries[0].high_harm);
  EXPECT_EQ(run->entries[0].high_harm_ids, std::vector<std::string>{"OC2"});
  EXPECT_FALSE(run->entries[1].high_harm);
  EXPECT_DOUBLE_EQ(run->entries[1].priority, 0.5 * std::log(366.0));
  EXPECT_DOUBLE_EQ(run->entries[0].priority / run->entries[1].priority, 1.5);
  EXPECT_EQ(run->entries[0].rank, 1u);
  EXPECT_EQ(run->entries[1].rank, 2u);
}

TEST(RankingTest, DomesticCommonAssaultIsHighHarmButOtherCommonAssaultIsNot) {
  const std::vector<RankingInput> people = {
      Person("street", {Occ("OC1", "COMMON_ASSAULT", "2026-01-01", false)}, 40),
      Person("home", {Occ("OC2", "COMMON_ASSAULT", "2026-01-01", true, "V1")}, 40),
  };
  Result<RankingRun> run =
      RunRanking("run-1", kRun, RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->entries[0].subject, "home");
  EXPECT_TRUE(run->entries[0].high_harm);
}

TEST(RankingTest, OrdersByRiskTimesLogHarm) {
  const std::vector<RankingInput> people = {
      Person("low-risk-high-harm", {Occ("OC1", "RAPE", "2026-01-01", false)}, 10),
      Person("high-risk-low-harm", {Occ("OC2", "THEFT_SHOP", "2026-01-01", false)}, 95),
      Person("mid", {Occ("OC3", "ABH", "2026-01-01", false)}, 60),
      Person("old-harm-only", {Occ("OC4", "MURDER", "2020-01-01", false)}, 99),
  };
  Result<RankingRun> run =
      RunRanking("run-1", kRun, RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value());
  // 0.6 * ln(183) * 1.5 = 4.69; 0.1 * ln(2556) * 1.5 = 1.18; 0.95 * ln(2) = 0.66.
  EXPECT_EQ(TopN(*run, 10),
            (std::vector<std::string>{"mid", "low-risk-high-harm", "high-risk-low-harm"}));
  for (std::size_t i = 1; i < run->entries.size(); ++i) {
    EXPECT_GE(run->entries[i - 1].priority, run->entries[i].priority);
  }
  EXPECT_EQ(TopN(*run, 1), std::vector<std::string>{"mid"});
}

TEST(RankingTest, UsesOgrs3WhenAssessedAndTheCopasProxyOtherwise) {
  const std::vector<Occurrence> sanctions = {
      Occ("OC1", "THEFT_SHOP", "2021-05-01", false, "", Role::kOffender, Outcome::kConvicted),
      Occ("OC2", "THEFT_SHOP", "2023-05-01", false, "", Role::kOffender, Outcome::kCautioned),
      Occ("OC3", "ABH", "2025-06-01", false, "", Role::kOffender, Outcome::kConvicted),
      Occ("OC4", "ABH", "2026-01-01", false, "", Role::kSuspect, Outcome::kNfa),
  };
  const std::vector<RankingInput> people = {Person("assessed", sanctions, 70),
                                            Person("unassessed", sanctions)};
  Result<RankingRun> run =
      RunRanking("run-1", kRun, RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value());
  const RankedEntry* assessed = &run->entries[0];
  const RankedEntry* unassessed = &run->entries[1];
  if (assessed->subject != "assessed") std::swap(assessed, unassessed);
  EXPECT_EQ(assessed->risk_source, RiskSource::kOgrs3);
  EXPECT_DOUBLE_EQ(assessed->risk, 0.70);
  EXPECT_EQ(unassessed->risk_source, RiskSource::kCopasProxy);
  // Three sanctions, first 2021-05-01, latest 2025-06-01: 4 whole years.
  ASSERT_TRUE(unassessed->copas.has_value());
  EXPECT_EQ(unassessed->copas->sanctions, 3);
  EXPECT_EQ(unassessed->copas->career_years, 4);
  EXPECT_EQ(unassessed->copas->first_id, "OC1");
  EXPECT_EQ(unassessed->copas->current_id, "OC3");
  EXPECT_DOUBLE_EQ(unassessed->copas->rate, std::log(3.0 / 14.0));
  const double y = 2.1217 + 1.25112 * std::log(3.0 / 14.0);
  EXPECT_DOUBLE_EQ(unassessed->risk, 1.0 / (1.0 + std::exp(-y)));
  // Harm in the 24-month window: OC3 and OC4 (182 each), not the older thefts.
  EXPECT_EQ(unassessed->harm_cchi_days, 364);
}

TEST(RankingTest, CopasProxyWithoutSanctionIsAFirstSanctionToday) {
  EXPECT_FALSE(ComputeCopas({}, kRun).has_value());
  const double y = 2.1217 + 1.25112 * std::log(0.1);
  EXPECT_DOUBLE_EQ(CopasRiskProxy(std::nullopt), 1.0 / (1.0 + std::exp(-y)));
}

TEST(RankingTest, RefusesARepeatedSubjectOrAnOgrsOutOfRange) {
  const std::vector<RankingInput> twice = {Person("a", {}), Person("a", {})};
  Result<RankingRun> run =
      RunRanking("run-1", kRun, RankingParameters{}, twice, OffenceTable::Approximate());
  ASSERT_FALSE(run.has_value());
  EXPECT_NE(run.error().message.find("twice"), std::string::npos);
  const std::vector<RankingInput> bad = {Person("a", {}, 130)};
  EXPECT_FALSE(
      RunRanking("run-1", kRun, RankingParameters{}, bad, OffenceTable::Approximate()).has_value());
  RankingParameters parameters;
  parameters.high_harm_factor = 0.5;
  EXPECT_FALSE(RunRanking("run-1", kRun, parameters, {}, OffenceTable::Approximate()).has_value());
  const std::vector<RankingInput> unknown = {Person("a", {Occ("OC9", "NOPE", "2026-01-01")})};
  run = RunRanking("run-1", kRun, RankingParameters{}, unknown, OffenceTable::Approximate());
  ASSERT_FALSE(run.has_value());
  EXPECT_NE(run.error().message.find("OC9"), std::string::npos);
}

TEST(RankingTest, VulnerabilityWeightRaisesDomesticHarm) {
  RankingParameters parameters;
  parameters.domestic_abuse_weight = 2.0;
  const std::vector<RankingInput> people = {
      Person("a", {Occ("OC1", "ABH", "2026-01-01", true, "V1")}, 50)};
  Result<RankingRun> run =
      RunRanking("run-1", kRun, parameters, people, OffenceTable::Approximate());
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->entries[0].harm_cchi_days, 182);
  EXPECT_DOUBLE_EQ(run->entries[0].harm_adjusted, 364.0);
}

TEST(RankingHistoryTest, KeepsEveryRunInOrderForRetention) {
  RankingHistory history;
  const std::vector<RankingInput> people = {
      Person("a", {Occ("OC1", "GBH", "2026-01-01")}, 50),
      Person("b", {Occ("OC2", "ABH", "2026-01-01")}, 50),
  };
  Result<RankingRun> first =
      RunRanking("2026-11-01", kRun, RankingParameters{}, people, OffenceTable::Approximate());
  Result<RankingRun> second = RunRanking("2026-11-15", D("2026-11-15"), RankingParameters{}, people,
                                         OffenceTable::Approximate());
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(history.Add(*first).has_value());
  ASSERT_TRUE(history.Add(*second).has_value());
  EXPECT_EQ(history.runs().size(), 2u);
  ASSERT_NE(history.Find("2026-11-15"), nullptr);
  EXPECT_EQ(TopN(*history.Find("2026-11-01"), 1), std::vector<std::string>{"a"});
  EXPECT_EQ(history.Find("nope"), nullptr);
  Status again = history.Add(*first);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().message.find("already kept"), std::string::npos);
  Result<RankingRun> earlier =
      RunRanking("old", D("2026-10-01"), RankingParameters{}, people, OffenceTable::Approximate());
  ASSERT_TRUE(earlier.has_value());
  EXPECT_FALSE(history.Add(*earlier).has_value());
}

TEST(HarmTest, SumsHarmByMonthIncludingEmptyMonths) {
  const std::vector<Occurrence> history = {
      Occ("OC1", "ABH", "2026-01-10"), Occ("OC2", "COMMON_ASSAULT", "2026-01-20"),
      Occ("OC3", "GBH", "2026-03-05"), Occ("OC4", "GBH", "2026-03-06", true, "", Role::kVictim)};
  Result<std::vector<MonthHarm>> months =
      HarmByMonth(history, D("2026-01-01"), D("2026-04-30"), OffenceTable::Approximate());
  ASSERT_TRUE(months.has_value());
  ASSERT_EQ(months->size(), 4u);
  EXPECT_EQ((*months)[0].cchi_days, 192);
  EXPECT_EQ((*months)[0].occurrences, 2);
  EXPECT_EQ((*months)[1].cchi_days, 0);
  EXPECT_EQ((*months)[2].cchi_days, 365);
  EXPECT_EQ((*months)[3].month, 4);
  EXPECT_FALSE(HarmByMonth(history, D("2026-04-01"), D("2026-01-01"), OffenceTable::Approximate())
                   .has_value());
}

}  // namespace
}  // namespace tandem::core::panel
