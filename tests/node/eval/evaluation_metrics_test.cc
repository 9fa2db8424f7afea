#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cohort_fixture.h"
#include "node/eval/disclosed.h"
#include "node/eval/evaluation_report.h"
#include "node/eval/report_html.h"
#include "node/eval/report_json.h"
#include "node/eval/sodium_random.h"

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;

class EvaluationMetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = CohortFixture::Make(600, 7).release();
    auto data =
        GatherEvaluationData(fixture_->Sources(), fixture_->parameters, fixture_->pseudonyms);
    ASSERT_TRUE(data.has_value()) << data.error().message;
    data_ = new EvaluationData(std::move(*data));
    auto report = BuildEvaluationReport(*data_, fixture_->parameters);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    report_ = new EvaluationReport(std::move(*report));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete data_;
    delete fixture_;
  }
  static const SyntheticTruth& Truth() { return fixture_->cohort.truth; }

  static CohortFixture* fixture_;
  static EvaluationData* data_;
  static EvaluationReport* report_;
};

CohortFixture* EvaluationMetricsTest::fixture_ = nullptr;
EvaluationData* EvaluationMetricsTest::data_ = nullptr;
EvaluationReport* EvaluationMetricsTest::report_ = nullptr;

std::size_t DecisionCount(const ce::ReferralReport& report, ce::Decision decision) {
  for (const ce::DecisionCount& count : report.by_decision) {
    if (count.decision == decision) return count.count;
  }
  return 0;
}

TEST_F(EvaluationMetricsTest, HarmChangeMatchesWhatTheGeneratorPutIn) {
  ASSERT_GT(Truth().adopted, 50u);
  const ce::HarmChangeReport& harm = report_->harm;
  EXPECT_EQ(report_->cohort, Truth().adopted);
  EXPECT_EQ(harm.people.size(), Truth().adopted);
  EXPECT_EQ(harm.incomplete_follow_up, 0u);
  EXPECT_EQ(harm.offences_before, Truth().offences_before);
  EXPECT_EQ(harm.offences_after, Truth().offences_after);
  EXPECT_DOUBLE_EQ(harm.harm_before, Truth().harm_before);
  EXPECT_DOUBLE_EQ(harm.harm_after, Truth().harm_after);
  EXPECT_EQ(harm.reduced_offending, Truth().reduced_offending);
  EXPECT_EQ(harm.reduced_harm, Truth().reduced_harm);
  EXPECT_EQ(harm.no_further_offences, Truth().no_further_offences);
  EXPECT_NEAR(harm.value_of_harm_reduction, (Truth().harm_before - Truth().harm_after) * 65.75,
              1e-6);
  ASSERT_TRUE(harm.wilcoxon.has_value());
  EXPECT_EQ(harm.wilcoxon->pairs, Truth().adopted);
  // The generator draws 1-6 offences before and 0-4 after: harm falls, clearly.
  EXPECT_LT(harm.wilcoxon->z, 0.0);
  EXPECT_LT(harm.wilcoxon->p_value, 0.001);
}

TEST_F(EvaluationMetricsTest, ReferralsAndDecisionsMatchTheBook) {
  const ce::ReferralReport& referrals = report_->referrals;
  EXPECT_EQ(referrals.referrals, Truth().referrals);
  for (const ce::LabelCount& pathway : referrals.by_pathway) {
    EXPECT_EQ(pathway.count, Truth().referrals_by_pathway.at(pathway.label)) << pathway.label;
  }
  EXPECT_EQ(referrals.by_pathway.size(), Truth().referrals_by_pathway.size());
  EXPECT_EQ(DecisionCount(referrals, ce::Decision::kAdopted), Truth().adopted);
  EXPECT_EQ(DecisionCount(referrals, ce::Decision::kRefused), Truth().refused);
  EXPECT_EQ(DecisionCount(referrals, ce::Decision::kPending), 0u);
  EXPECT_EQ(referrals.decided, Truth().referrals);
  ASSERT_TRUE(referrals.days_to_decision.has_value());
  // Meetings are monthly, and a deferral waits one more month.
  EXPECT_GE(referrals.days_to_decision->median, 0.0);
  EXPECT_LE(referrals.days_to_decision->q3, 62.0);
  EXPECT_EQ(referrals.not_taken_forward.people + referrals.not_taken_forward.incomplete_follow_up,
            Truth().refused);
}

TEST_F(EvaluationMetricsTest, InterventionCoverageCountsTheBookAndThePartners) {
  EXPECT_EQ(report_->partner_interventions, Truth().partner_interventions);
  EXPECT_EQ(report_->partner_rows_unknown, 0u);
  EXPECT_EQ(report_->coverage.cohort, Truth().adopted);
  EXPECT_EQ(report_->coverage.with_any_intervention, Truth().with_any_intervention);
  EXPECT_EQ(report_->coverage.with_civil_measure, Truth().with_civil_measure);
  EXPECT_NEAR(report_->coverage.civil_measure_rate,
              static_cast<double>(Truth().with_civil_measure) / Truth().adopted, 1e-12);
  // Completed DVPOs and programmes start follow-ups.
  EXPECT_GT(report_->reoffending.any.completers, 0u);
}

TEST_F(EvaluationMetricsTest, RankingIsValidatedOnTheLastRunWithAFullNextWindow) {
  EXPECT_EQ(report_->runs.size(), Truth().ranking_runs);
  ASSERT_TRUE(report_->validated_run.has_value());
  ASSERT_TRUE(report_->validation.has_value());
  EXPECT_LE(report_->validated_run->run_on.DaysSinceEpoch() + 365,
            fixture_->cohort.data_end.DaysSinceEpoch() - 1);
  EXPECT_EQ(report_->validation->people, report_->validated_run->ranked);
  ASSERT_FALSE(report_->retention.empty());
  for (const ce::RetentionSeries& series : report_->retention) {
    ASSERT_EQ(series.points.size(), Truth().ranking_runs);
    EXPECT_DOUBLE_EQ(series.points.front().share, 1.0);
  }
  EXPECT_FALSE(report_->rank_bins.empty());
}

TEST_F(EvaluationMetricsTest, PublishedTablesHaveNoSmallCellAndNoRecoverableCell) {
  ASSERT_GE(report_->tables.size(), 5u);
  std::size_t suppressed = 0;
  for (const ReportTable& table : report_->tables) {
    EXPECT_TRUE(ce::CheckNoSuppressedCellDetermined(table.table).has_value()) << table.id;
    for (const auto& row : table.table.cells) {
      for (const ce::PublishedCell& cell : row) {
        if (cell.Suppressed()) {
          ++suppressed;
          continue;
        }
        EXPECT_TRUE(cell.value == 0 || cell.value >= 10) << table.id;
        EXPECT_EQ(cell.value % 5, 0) << table.id;
      }
    }
  }
  EXPECT_GT(suppressed, 0u);  // the cohort is small enough to have small cells
}

// Every count in the report's JSON: a multiple of 5 of at least 10, zero, or "suppressed".
void ExpectCountsDisclosed(const nlohmann::json& value, const std::string& path) {
  static const std::set<std::string> kCountKeys = {"people",
                                                   "adopted",
                                                   "subjects",
                                                   "subjects_not_held_left_out",
                                                   "referrals",
                                                   "count",
                                                   "decided",
                                                   "events",
                                                   "completers",
                                                   "reoffended",
                                                   "reduced_harm",
                                                   "reduced_offending",
                                                   "no_further_offences",
                                                   "offences_before",
                                                   "offences_after",
                                                   "incomplete_follow_up",
                                                   "with_any_intervention",
                                                   "with_civil_measure",
                                                   "found",
                                                   "actual",
                                                   "cases",
                                                   "high_risk",
                                                   "pairs",
                                                   "offences"};
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (kCountKeys.contains(key) && !item.is_object() && !item.is_array()) {
        if (item.is_string()) {
          EXPECT_EQ(item.get<std::string>(), kSuppressed) << path << "." << key;
        } else {
          ASSERT_TRUE(item.is_number_integer()) << path << "." << key;
          const auto n = item.get<std::int64_t>();
          EXPECT_TRUE(n == 0 || (n >= 10 && n % 5 == 0)) << path << "." << key << " = " << n;
        }
      }
      ExpectCountsDisclosed(item, path + "." + key);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      ExpectCountsDisclosed(value[i], path + "[" + std::to_string(i) + "]");
    }
  }
}

TEST_F(EvaluationMetricsTest, ReportJsonPublishesOnlyDisclosedCountsAndNoPseudonym) {
  const nlohmann::json json = ReportToJson(*report_);
  ExpectCountsDisclosed(json, "report");
  const std::string text = json.dump();
  for (const CohortSubject& subject : data_->cohort) {
    ASSERT_EQ(text.find(subject.pseudonym), std::string::npos);
  }
  EXPECT_EQ(text.find("S000"), std::string::npos);  // no subject key
  EXPECT_EQ(text.find("OC1"), std::string::npos);   // no occurrence reference
  EXPECT_EQ(json["harm_change"]["offences_before"],
            DiscloseCount(Truth().offences_before, ce::SmallCellRule{}));
}

TEST_F(EvaluationMetricsTest, HtmlIsSelfContainedWithThreePlots) {
  const std::string html = RenderReportHtml(ReportToJson(*report_));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  std::size_t plots = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos;
       at = html.find("<svg", at + 1)) {
    ++plots;
  }
  EXPECT_EQ(plots, 3u);
  EXPECT_NE(html.find("Top-N retention over ranking runs"), std::string::npos);
  EXPECT_NE(html.find("polyline"), std::string::npos);
}

TEST_F(EvaluationMetricsTest, NoiseSpendsOneEpsilonPerTableFromTheAgreementsBudget) {
  ce::PrivacyBudgetLedger ledger;
  ASSERT_TRUE(ledger.SetBudget("dorset-hhpp", *ce::ParseEpsilon("4")).has_value());
  EvaluationParameters parameters = fixture_->parameters;
  parameters.disclosure.epsilon_per_table = *ce::ParseEpsilon("0.5");
  SodiumRandom random;
  auto noised = BuildEvaluationReport(*data_, parameters, &ledger, &random);
  ASSERT_TRUE(noised.has_value()) << noised.error().message;
  const std::size_t tables = noised->tables.size();
  EXPECT_EQ(noised->noise.tables, tables);
  EXPECT_EQ(noised->noise.spent.micros, 500000u * tables);
  EXPECT_EQ(ledger.Remaining("dorset-hhpp")->micros, 4000000u - 500000u * tables);
  for (const ReportTable& table : noised->tables) {
    EXPECT_TRUE(ce::CheckNoSuppressedCellDetermined(table.table).has_value()) << table.id;
  }
  // What is left cannot pay for another report: refused, and nothing more is spent.
  const auto left = ledger.Remaining("dorset-hhpp")->micros;
  auto refused = BuildEvaluationReport(*data_, parameters, &ledger, &random);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Code::kResourceExhausted);
  EXPECT_EQ(ledger.Remaining("dorset-hhpp")->micros, left);
}

TEST(EvaluationPseudonymsTest, AreRandomPerEvaluationAndStablePerSubject) {
  EvaluationPseudonyms first;
  EvaluationPseudonyms second;
  const std::string a = first.For("S000001");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(first.For("S000001"), a);
  EXPECT_NE(first.For("S000002"), a);
  EXPECT_NE(second.For("S000001"), a);
  EXPECT_EQ(first.size(), 2u);
}

TEST(EvaluationDataTest, RefusesAPartnerRowWithAMalformedMonth) {
  auto fixture = CohortFixture::Make(150, 3);
  ASSERT_FALSE(fixture->partner_rows.empty());
  fixture->partner_rows[0].started_month = "2021-13";
  auto data = GatherEvaluationData(fixture->Sources(), fixture->parameters, fixture->pseudonyms);
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().code, Code::kInvalidArgument);
  EXPECT_NE(data.error().message.find("partner row 1"), std::string::npos);
  EXPECT_NE(data.error().message.find("2021-13"), std::string::npos);
}

TEST(EvaluationDataTest, WeighsOffencesByThePanelsOffenceTable) {
  auto fixture = CohortFixture::Make(150, 3);
  auto approximate =
      GatherEvaluationData(fixture->Sources(), fixture->parameters, fixture->pseudonyms);
  ASSERT_TRUE(approximate.has_value()) << approximate.error().message;
  ASSERT_FALSE(approximate->offences.empty());
  // Every code of the approximate table, each weighing one day more.
  std::vector<core::Offence> offences;
  for (core::Offence o : core::OffenceTable::Approximate().offences()) {
    ++o.cchi_days;
    offences.push_back(std::move(o));
  }
  auto table = core::OffenceTable::Create(std::move(offences));
  ASSERT_TRUE(table.has_value()) << table.error().message;
  EvaluationSources sources = fixture->Sources();
  sources.offences = &*table;
  auto reweighed = GatherEvaluationData(sources, fixture->parameters, fixture->pseudonyms);
  ASSERT_TRUE(reweighed.has_value()) << reweighed.error().message;
  ASSERT_EQ(reweighed->offences.size(), approximate->offences.size());
  for (std::size_t i = 0; i < approximate->offences.size(); ++i) {
    EXPECT_EQ(reweighed->offences[i].cchi_days, approximate->offences[i].cchi_days + 1) << i;
  }
}

}  // namespace
}  // namespace tandem::node::eval
