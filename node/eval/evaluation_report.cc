#include "node/eval/evaluation_report.h"

#include <algorithm>
#include <map>
#include <set>

namespace tandem::node::eval {
namespace {

namespace ce = core::eval;

template <class T>
Result<T> Named(Result<T> result, std::string_view what) {
  if (!result) return Fail(result.error().code, std::string(what) + ": " + result.error().message);
  return result;
}

ce::CountTable ReferralsByPathway(const ce::ReferralReport& report,
                                  std::span<const ce::Referral> referrals) {
  constexpr std::array<ce::Decision, 4> kDecisions = {
      ce::Decision::kPending, ce::Decision::kAdopted, ce::Decision::kRefused,
      ce::Decision::kDeferred};
  ce::CountTable table;
  for (const ce::Decision decision : kDecisions) {
    table.column_labels.emplace_back(ce::DecisionName(decision));
  }
  std::map<std::string, std::size_t> row_of;
  for (const ce::LabelCount& pathway : report.by_pathway) {
    row_of[pathway.label] = table.row_labels.size();
    table.row_labels.push_back(pathway.label);
  }
  table.counts.assign(table.row_labels.size(), std::vector<std::int64_t>(kDecisions.size(), 0));
  for (const ce::Referral& referral : referrals) {
    const auto column = static_cast<std::size_t>(std::ranges::find(kDecisions, referral.decision) -
                                                 kDecisions.begin());
    ++table.counts[row_of[referral.pathway]][column];
  }
  return table;
}

ce::CountTable DecisionReasons(const ce::ReferralReport& report) {
  ce::CountTable table;
  table.column_labels = {"referrals"};
  for (const ce::DecisionCount& decision : report.by_decision) {
    for (const ce::LabelCount& reason : decision.reasons) {
      table.row_labels.push_back(std::string(ce::DecisionName(decision.decision)) + ": " +
                                 (reason.label.empty() ? "no reason recorded" : reason.label));
      table.counts.push_back({static_cast<std::int64_t>(reason.count)});
    }
  }
  return table;
}

ce::CountTable HarmChangeByPathway(const ce::HarmChangeReport& harm,
                                   std::span<const CohortSubject> cohort) {
  std::map<std::string, std::string> pathway_of;
  for (const CohortSubject& subject : cohort) pathway_of[subject.pseudonym] = subject.pathway;
  std::map<std::string, std::array<std::int64_t, 3>> rows;
  for (const ce::PersonHarmChange& person : harm.people) {
    const int column = person.harm_after < person.harm_before    ? 0
                       : person.harm_after == person.harm_before ? 1
                                                                 : 2;
    ++rows[pathway_of[person.subject]][static_cast<std::size_t>(column)];
  }
  ce::CountTable table;
  table.column_labels = {"harm fell", "harm unchanged", "harm rose"};
  for (const auto& [pathway, counts] : rows) {
    table.row_labels.push_back(pathway);
    table.counts.emplace_back(counts.begin(), counts.end());
  }
  return table;
}

ce::CountTable CoverageByType(const ce::CoverageReport& coverage) {
  ce::CountTable table;
  table.column_labels = {"had one", "did not"};
  for (const ce::TypeCoverage& type : coverage.by_type) {
    if (type.events == 0) continue;
    table.row_labels.push_back(type.type);
    table.counts.push_back({static_cast<std::int64_t>(type.subjects),
                            static_cast<std::int64_t>(type.applicable - type.subjects)});
  }
  return table;
}

ce::CountTable CoverageByCategory(const ce::CoverageReport& coverage) {
  ce::CountTable table;
  table.column_labels = {"had one", "did not"};
  const auto add = [&](std::string label, std::size_t had) {
    table.row_labels.push_back(std::move(label));
    table.counts.push_back(
        {static_cast<std::int64_t>(had), static_cast<std::int64_t>(coverage.cohort - had)});
  };
  for (const ce::CategoryCoverage& category : coverage.by_category) {
    add(std::string(ce::InterventionCategoryName(category.category)), category.subjects);
  }
  add("civil measure", coverage.with_civil_measure);
  add("any intervention", coverage.with_any_intervention);
  return table;
}

ce::CountTable Reoffending(const ce::ReoffendingReport& report, const ce::NotTakenForward& ntf) {
  ce::CountTable table;
  table.column_labels = {"reoffended", "did not"};
  const auto add = [&](std::string label, std::size_t people, std::size_t reoffended) {
    table.row_labels.push_back(std::move(label));
    table.counts.push_back(
        {static_cast<std::int64_t>(reoffended), static_cast<std::int64_t>(people - reoffended)});
  };
  add("after any completed intervention", report.any.completers, report.any.reoffended);
  for (const ce::ReoffendingRow& row : report.by_category) {
    add("after a completed " + row.label + " intervention", row.completers, row.reoffended);
  }
  add("not taken forward", ntf.people, ntf.reoffended);
  return table;
}

// Adds noise of the given epsilon to every cell (clamped at zero: a count is never negative,
// and clamping is post-processing, which costs no privacy).
Status AddNoise(ce::CountTable& table, ce::Epsilon epsilon, ce::RandomSource& random) {
  for (auto& row : table.counts) {
    for (std::int64_t& count : row) {
      auto noise = ce::SampleTwoSidedGeometric(epsilon, 1, random);
      if (!noise) return tl::unexpected(noise.error());
      count = std::max<std::int64_t>(0, count + *noise);
    }
  }
  return Ok();
}

std::vector<RankBin> RankBins(std::span<const ce::RankedOutcome> outcomes, int width) {
  std::vector<RankBin> bins;
  int max_rank = 0;
  for (const ce::RankedOutcome& outcome : outcomes) max_rank = std::max(max_rank, outcome.rank);
  if (max_rank == 0) return bins;
  const int count = (max_rank + width - 1) / width;
  bins.resize(static_cast<std::size_t>(count));
  for (int b = 0; b < count; ++b) {
    bins[static_cast<std::size_t>(b)].first = b * width + 1;
    bins[static_cast<std::size_t>(b)].last = std::min(max_rank, (b + 1) * width);
  }
  for (const ce::RankedOutcome& outcome : outcomes) {
    RankBin& bin = bins[static_cast<std::size_t>((outcome.rank - 1) / width)];
    ++bin.people;
    bin.mean_harm += outcome.next_harm;
    bin.mean_offences += outcome.next_offences;
  }
  for (RankBin& bin : bins) {
    if (bin.people == 0) continue;
    bin.mean_harm /= static_cast<double>(bin.people);
    bin.mean_offences /= static_cast<double>(bin.people);
  }
  return bins;
}

}  // namespace

Result<EvaluationReport> BuildEvaluationReport(const EvaluationData& data,
                                               const EvaluationParameters& parameters,
                                               ce::PrivacyBudgetLedger* ledger,
                                               ce::RandomSource* random) {
  EvaluationReport report;
  report.parameters = parameters;
  report.subjects = data.subjects;
  report.subjects_not_held = data.subjects_not_held;
  report.cohort = data.cohort.size();
  report.duplicates_of_managed = data.duplicates_of_managed;
  report.partner_interventions = data.partner_interventions;
  report.partner_rows_unknown = data.partner_rows_unknown;
  report.runs = data.runs;

  ce::HarmChangeOptions harm_options;
  harm_options.before_days = parameters.before_days;
  harm_options.after_days = parameters.after_days;
  harm_options.data_end = parameters.data_end;
  harm_options.value_per_cchi_day = parameters.value_per_cchi_day;
  auto harm = Named(ce::ComputeHarmChange(data.members, data.offences, harm_options),
                    "harm before and after adoption");
  if (!harm) return tl::unexpected(harm.error());
  report.harm = std::move(*harm);

  std::vector<std::string> cohort;
  for (const CohortSubject& subject : data.cohort) cohort.push_back(subject.pseudonym);
  auto coverage = Named(ce::ComputeCoverage(cohort, data.catalogue, data.interventions),
                        "intervention coverage");
  if (!coverage) return tl::unexpected(coverage.error());
  report.coverage = std::move(*coverage);

  ce::ReoffendingOptions reoffending_options;
  reoffending_options.follow_up_days = parameters.follow_up_days;
  reoffending_options.data_end = parameters.data_end;
  auto reoffending =
      Named(ce::ComputeReoffendingAfterCompletion(data.catalogue, data.interventions, data.offences,
                                                  reoffending_options),
            "reoffending after completed interventions");
  if (!reoffending) return tl::unexpected(reoffending.error());
  report.reoffending = std::move(*reoffending);

  ce::ReferralOptions referral_options;
  referral_options.follow_up_days = parameters.follow_up_days;
  referral_options.data_end = parameters.data_end;
  auto referrals =
      Named(ce::ComputeReferrals(data.referrals, data.offences, referral_options), "referrals");
  if (!referrals) return tl::unexpected(referrals.error());
  report.referrals = std::move(*referrals);

  report.validated_run = data.validated_run;
  if (data.validated_run && !data.ranked_outcomes.empty()) {
    auto validation = Named(ce::ValidateRanking(data.ranked_outcomes), "ranking validation");
    if (!validation) return tl::unexpected(validation.error());
    report.validation = std::move(*validation);
    const auto threshold =
        static_cast<int>(std::min<std::int64_t>(parameters.disclosure.small_cells.threshold, 1000));
    report.rank_bins =
        RankBins(data.ranked_outcomes, std::max({parameters.rank_bin_width, threshold, 1}));
  } else {
    report.validation_unavailable =
        data.runs.empty() ? "no ranking run was recorded"
                          : "no ranking run has a complete next window before the data end";
  }
  if (!data.ranking_runs.empty()) {
    auto retention =
        Named(ce::TopNRetention(data.ranking_runs, parameters.retention_tops), "top-N retention");
    if (!retention) return tl::unexpected(retention.error());
    report.retention = std::move(*retention);
  }
  if (data.allocations.empty()) {
    report.caseload_unavailable = "no offender manager allocation is in force on the data end";
  } else {
    auto caseload = Named(ce::ComputeCaseloads(data.allocations, parameters.caseload), "caseload");
    if (!caseload) return tl::unexpected(caseload.error());
    report.caseload = std::move(*caseload);
  }

  std::vector<std::pair<ReportTable, ce::CountTable>> tables;
  const auto table = [&](std::string id, std::string title, ce::CountTable counts) {
    if (counts.row_labels.empty()) return;
    tables.emplace_back(ReportTable{std::move(id), std::move(title), {}}, std::move(counts));
  };
  table("referrals-by-pathway", "Referrals by pathway and decision",
        ReferralsByPathway(report.referrals, data.referrals));
  table("decision-reasons", "Decisions and their recorded reasons",
        DecisionReasons(report.referrals));
  table("harm-change-by-pathway", "Change in CCHI harm after adoption, by referral pathway",
        HarmChangeByPathway(report.harm, data.cohort));
  table("coverage-by-type", "Adopted people who had each intervention",
        CoverageByType(report.coverage));
  table("coverage-by-category", "Adopted people by intervention category",
        CoverageByCategory(report.coverage));
  table("reoffending", "Reoffending within the follow-up",
        Reoffending(report.reoffending, report.referrals.not_taken_forward));

  const auto& epsilon = parameters.disclosure.epsilon_per_table;
  if (epsilon) {
    if (ledger == nullptr || random == nullptr) {
      return Fail(Code::kInvalidArgument,
                  "noise was asked for without a privacy budget ledger or random source");
    }
    auto remaining = ledger->Remaining(parameters.isa_id);
    if (!remaining) return tl::unexpected(remaining.error());
    const std::uint64_t needed = epsilon->micros * tables.size();
    if (remaining->micros < needed) {
      return Fail(Code::kResourceExhausted,
                  "the report needs epsilon " + ce::FormatEpsilon(ce::Epsilon{needed}) + " for " +
                      std::to_string(tables.size()) + " tables but agreement '" +
                      parameters.isa_id + "' has " + ce::FormatEpsilon(*remaining) + " left");
    }
    for (auto& [published, counts] : tables) {
      if (auto spent = ledger->Spend(parameters.isa_id, *epsilon); !spent) {
        return tl::unexpected(spent.error());
      }
      if (auto noised = AddNoise(counts, *epsilon, *random); !noised) {
        return tl::unexpected(noised.error());
      }
    }
    report.noise = {epsilon, tables.size(), ce::Epsilon{needed}, std::nullopt};
    if (auto left = ledger->Remaining(parameters.isa_id)) report.noise.remaining = *left;
  }
  for (auto& [published, counts] : tables) {
    auto done = Named(ce::PublishCountTable(counts, parameters.disclosure.small_cells),
                      "table " + published.id);
    if (!done) return tl::unexpected(done.error());
    published.table = std::move(*done);
    report.tables.push_back(std::move(published));
  }
  return report;
}

}  // namespace tandem::node::eval
