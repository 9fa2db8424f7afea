// The evaluation report before it is written out: every metric of core/eval computed on the
// gathered data, and the count tables that carry the report's frequencies through disclosure
// control (small-cell suppression, secondary suppression and rounding, optional
// differential-privacy noise charged to the agreement's budget). report_json.h and
// report_html.h print it; neither prints a count that has not been through the rule.
// Thread-compatible (the ledger and the random source are the caller's).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/algorithm_validation.h"
#include "core/eval/caseload.h"
#include "core/eval/harm_change.h"
#include "core/eval/interventions.h"
#include "core/eval/privacy_budget.h"
#include "core/eval/random_source.h"
#include "core/eval/referrals.h"
#include "core/eval/small_cells.h"
#include "core/result.h"
#include "node/eval/evaluation_data.h"
#include "node/eval/evaluation_sources.h"

namespace tandem::node::eval {

struct ReportTable {
  std::string id;     // "referrals-by-pathway"
  std::string title;  // what a reader sees
  core::eval::PublishedTable table;
};

// Mean next-window harm of the validated run's people in consecutive rank bins (the rank vs
// harm plot: a bin of at least the small-cell threshold, never a person's own figure).
struct RankBin {
  int first = 1;
  int last = 1;
  std::size_t people = 0;
  double mean_harm = 0.0;
  double mean_offences = 0.0;
};

struct NoiseSpent {
  std::optional<core::eval::Epsilon> epsilon_per_table;  // nullopt: no noise
  std::size_t tables = 0;
  core::eval::Epsilon spent;                     // by this report
  std::optional<core::eval::Epsilon> remaining;  // of the agreement's budget, after it
};

struct EvaluationReport {
  EvaluationParameters parameters;
  std::size_t subjects = 0;
  std::size_t subjects_not_held = 0;  // left out: their nominal is erased or restricted
  std::size_t cohort = 0;
  std::size_t duplicates_of_managed = 0;
  std::size_t partner_interventions = 0;
  std::size_t partner_rows_unknown = 0;
  core::eval::HarmChangeReport harm;
  core::eval::CoverageReport coverage;
  core::eval::ReoffendingReport reoffending;
  core::eval::ReferralReport referrals;
  std::optional<RunSummary> validated_run;
  std::optional<core::eval::ValidationReport> validation;
  std::vector<RankBin> rank_bins;
  std::string validation_unavailable;
  std::vector<RunSummary> runs;
  std::vector<core::eval::RetentionSeries> retention;
  std::optional<core::eval::CaseloadReport> caseload;
  std::string caseload_unavailable;
  std::vector<ReportTable> tables;
  NoiseSpent noise;
};

// Success: the report. Errors: those of the core/eval functions (kInvalidArgument); when noise
// is asked for, kInvalidArgument without a ledger or random source, and the ledger's errors
// (kNotFound: the agreement has no budget; kResourceExhausted: the budget would be exceeded,
// in which case nothing of the report is released).
Result<EvaluationReport> BuildEvaluationReport(const EvaluationData& data,
                                               const EvaluationParameters& parameters,
                                               core::eval::PrivacyBudgetLedger* ledger = nullptr,
                                               core::eval::RandomSource* random = nullptr);

}  // namespace tandem::node::eval
