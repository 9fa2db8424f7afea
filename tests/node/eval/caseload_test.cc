// Caseload per offender manager read from the panel book's allocations: the allocations in
// force on data_end count, a reallocation moves the case, a closure takes it out, and the
// report publishes the counts under the small-cell rule.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "node/eval/evaluation_data.h"
#include "node/eval/evaluation_outputs.h"
#include "node/eval/evaluation_report.h"
#include "node/eval/report_html.h"

namespace tandem::node::eval {
namespace {

namespace cp = core::panel;
using core::Date;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// Fourteen adopted cases C1..C14 (subjects S01..S14). C1..C11 go to om-1 (C1..C4 high risk),
// C12..C14 to om-2; C14 moves to om-1 on 2026-02-01 and C13 is closed on 2026-03-01.
cp::PanelBook BookWithAllocations() {
  auto made = cp::PanelBook::Create({});
  EXPECT_TRUE(made.has_value());
  cp::PanelBook book = std::move(*made);
  for (int n = 1; n <= 14; ++n) {
    const std::string subject = std::string(n < 10 ? "S0" : "S") + std::to_string(n);
    auto receipt =
        book.Refer({subject, "marac", "MARAC", "repeat incidents", "DS 1", D(2026, 1, 5)});
    EXPECT_TRUE(receipt.has_value());
    EXPECT_TRUE(book.RecordTriage(receipt->case_id, true, {"RFGV 12"}, D(2026, 1, 6)));
  }
  for (const auto& [meeting, day] : {std::pair{"M1", 10}, std::pair{"M2", 20}}) {
    auto planned = book.PlanMeeting(meeting, D(2026, 1, day));
    EXPECT_TRUE(planned.has_value());
    for (const cp::AgendaItem& item : (*planned)->agenda) {
      EXPECT_TRUE(book.Decide({item.case_id, meeting, cp::DecisionKind::kAdopt,
                               "high-harm-high-risk", "", D(2026, 1, day)}));
    }
  }
  const auto allocate = [&](int c, const std::string& manager, bool high_risk, const Date& from) {
    EXPECT_TRUE(book.Allocate(
        {"C" + std::to_string(c), manager, core::AgencyKind::kProbation, high_risk, from, {}}));
  };
  for (int c = 1; c <= 11; ++c) allocate(c, "om-1", c <= 4, D(2026, 1, 21));
  for (int c = 12; c <= 14; ++c) allocate(c, "om-2", false, D(2026, 1, 21));
  allocate(14, "om-1", false, D(2026, 2, 1));
  EXPECT_TRUE(book.CloseCase("C13", "risk-reduced", D(2026, 3, 1)));
  return book;
}

EvaluationParameters ParametersOn(const Date& data_end) {
  EvaluationParameters parameters;
  parameters.evaluation_id = "caseload-test";
  parameters.isa_id = "dorset-hhpp";
  parameters.isa_version = 3;
  parameters.data_end = data_end;
  return parameters;
}

Result<EvaluationReport> ReportOn(const cp::PanelBook& book, const Date& data_end) {
  EvaluationSources sources;
  sources.book = &book;
  sources.occurrences = [](const std::string&) { return std::vector<cp::Occurrence>{}; };
  EvaluationPseudonyms pseudonyms;
  auto data = GatherEvaluationData(sources, ParametersOn(data_end), pseudonyms);
  if (!data) return tl::unexpected(data.error());
  return BuildEvaluationReport(*data, ParametersOn(data_end));
}

const core::eval::ManagerCaseload* Manager(const EvaluationReport& report, const std::string& key) {
  for (const core::eval::ManagerCaseload& m : report.caseload->managers) {
    if (m.manager == key) return &m;
  }
  return nullptr;
}

TEST(CaseloadFromBookTest, CountsTheAllocationsInForceOnDataEnd) {
  const cp::PanelBook book = BookWithAllocations();
  auto report = ReportOn(book, D(2026, 6, 1));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_TRUE(report->caseload.has_value()) << report->caseload_unavailable;
  ASSERT_EQ(report->caseload->managers.size(), 2U);
  const auto* om1 = Manager(*report, "om-1");
  const auto* om2 = Manager(*report, "om-2");
  ASSERT_TRUE(om1 != nullptr && om2 != nullptr);
  EXPECT_EQ(om1->cases, 12U) << "eleven allocated, one reallocated to om-1";
  EXPECT_EQ(om1->high_risk, 4U);
  EXPECT_TRUE(om1->high_risk_flagged) << "4 of 12 is above 30%";
  EXPECT_FALSE(om1->over_maximum);
  EXPECT_EQ(om2->cases, 1U) << "C14 moved away and C13 was closed";
  EXPECT_EQ(report->caseload->max_observed, 12U);

  // Before the reallocation and the closure om-2 held three cases.
  auto earlier = ReportOn(book, D(2026, 1, 25));
  ASSERT_TRUE(earlier.has_value()) << earlier.error().message;
  ASSERT_TRUE(earlier->caseload.has_value());
  EXPECT_EQ(Manager(*earlier, "om-2")->cases, 3U);
  EXPECT_EQ(Manager(*earlier, "om-1")->cases, 11U);
}

TEST(CaseloadFromBookTest, IsUnavailableBeforeAnyAllocationHolds) {
  const cp::PanelBook book = BookWithAllocations();
  auto report = ReportOn(book, D(2026, 1, 20));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_FALSE(report->caseload.has_value());
  EXPECT_FALSE(report->caseload_unavailable.empty());
}

TEST(CaseloadFromBookTest, TheReportPublishesCaseloadsAgainstTheMaximumUnderTheSmallCellRule) {
  const cp::PanelBook book = BookWithAllocations();
  EvaluationSources sources;
  sources.book = &book;
  sources.occurrences = [](const std::string&) { return std::vector<cp::Occurrence>{}; };
  EvaluationParameters parameters = ParametersOn(D(2026, 6, 1));
  parameters.caseload.max_cases = 10;
  EvaluationPseudonyms pseudonyms;
  auto report = ProduceReport(sources, parameters, pseudonyms);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  const nlohmann::json& json = *report;
  const auto& caseload = json["caseload"];
  ASSERT_TRUE(caseload.contains("managers")) << caseload.dump();
  EXPECT_EQ(caseload["max_cases"], 10);
  EXPECT_EQ(caseload["over_maximum"], 1);
  for (const auto& m : caseload["managers"]) {
    if (m["manager"] == "om-1") {
      EXPECT_EQ(m["cases"], 10) << "12 rounded to 5";
      EXPECT_EQ(m["over_maximum"], true);
    } else {
      EXPECT_EQ(m["cases"], "suppressed") << "one case is under the threshold";
    }
  }
  // The mean gives back only the disclosed total (a multiple of 5), never the exact one.
  ASSERT_TRUE(caseload["mean_cases"].is_number()) << caseload.dump();
  const double total =
      caseload["mean_cases"].get<double>() * static_cast<double>(caseload["managers"].size());
  EXPECT_EQ(std::llround(total) % 5, 0) << caseload.dump();
  const std::string text = json.dump();
  const std::string html = RenderReportHtml(json);
  for (const std::string subject : {"S01", "S12", "S14"}) {
    EXPECT_EQ(text.find(subject), std::string::npos);
    EXPECT_EQ(html.find(subject), std::string::npos);
  }
  EXPECT_NE(html.find("om-1"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::eval
