#include "node/eval/report_json.h"

#include <cmath>

#include "core/eval/quantiles.h"
#include "node/eval/disclosed.h"
#include "node/eval/emmie.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
namespace ce = core::eval;

std::int64_t I(std::size_t n) { return static_cast<std::int64_t>(n); }

json Optional(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return std::round(*value * 10000.0) / 10000.0;
}

json Parameters(const EvaluationParameters& p) {
  json tops = json::array();
  for (const int top : p.retention_tops) tops.push_back(top);
  return {{"data_end", p.data_end.ToIso()},
          {"before_days", p.before_days},
          {"after_days", p.after_days},
          {"follow_up_days", p.follow_up_days},
          {"value_per_cchi_day", p.value_per_cchi_day},
          {"validation_window_days", p.validation_window_days},
          {"retention_tops", tops},
          {"caseload_max_cases", p.caseload.max_cases},
          {"caseload_high_risk_share_limit", p.caseload.high_risk_share_limit}};
}

json Disclosure(const EvaluationReport& report) {
  const DisclosureParameters& d = report.parameters.disclosure;
  json noise = nullptr;
  if (report.noise.epsilon_per_table) {
    noise = {{"mechanism", "two-sided geometric"},
             {"epsilon_per_table", ce::FormatEpsilon(*report.noise.epsilon_per_table)},
             {"tables", report.noise.tables},
             {"epsilon_spent", ce::FormatEpsilon(report.noise.spent)}};
    if (report.noise.remaining) {
      noise["epsilon_remaining"] = ce::FormatEpsilon(*report.noise.remaining);
    }
  }
  return {{"small_cell_threshold", d.small_cells.threshold},
          {"rounding_base", d.small_cells.rounding_base},
          {"suppress_zeros", d.small_cells.suppress_zeros},
          {"secondary_suppression", d.small_cells.secondary_suppression},
          {"noise", noise}};
}

json Wilcoxon(const ce::HarmChangeReport& harm, const ce::SmallCellRule& rule) {
  if (!harm.wilcoxon) return {{"unavailable", harm.wilcoxon_unavailable}};
  const ce::WilcoxonResult& w = *harm.wilcoxon;
  const auto people = I(w.pairs);
  return {{"pairs", DiscloseCount(people, rule)},
          {"zero_differences_dropped", DiscloseCount(I(w.zero_dropped), rule)},
          {"w_plus", DiscloseStatistic(w.w_plus, people, rule)},
          {"w_minus", DiscloseStatistic(w.w_minus, people, rule)},
          {"z", DiscloseStatistic(w.z, people, rule)},
          {"p_value", DiscloseStatistic(w.p_value, people, rule)},
          {"method", ce::PValueMethodName(w.method)}};
}

json HarmChange(const ce::HarmChangeReport& harm, const ce::SmallCellRule& rule) {
  const auto people = I(harm.people.size());
  const bool enough = people >= rule.threshold && people > 0;
  const auto total = [&](double value) -> json {
    return enough ? json(std::round(value)) : json(nullptr);
  };
  return {
      {"people", DiscloseCount(people, rule)},
      {"incomplete_follow_up", DiscloseCount(I(harm.incomplete_follow_up), rule)},
      {"reduced_offending", DiscloseCount(I(harm.reduced_offending), rule)},
      {"share_reduced_offending", DiscloseShare(I(harm.reduced_offending), people, rule)},
      {"reduced_harm", DiscloseCount(I(harm.reduced_harm), rule)},
      {"share_reduced_harm", DiscloseShare(I(harm.reduced_harm), people, rule)},
      {"no_further_offences", DiscloseCount(I(harm.no_further_offences), rule)},
      {"share_no_further_offences", DiscloseShare(I(harm.no_further_offences), people, rule)},
      {"offences_before", DiscloseCount(harm.offences_before, rule)},
      {"offences_after", DiscloseCount(harm.offences_after, rule)},
      {"offences_relative_change", enough ? Optional(harm.offences_relative_change) : nullptr},
      {"harm_before_cchi_days", total(harm.harm_before)},
      {"harm_after_cchi_days", total(harm.harm_after)},
      {"harm_relative_change", enough ? Optional(harm.harm_relative_change) : nullptr},
      {"value_of_harm_reduction_gbp", total(harm.value_of_harm_reduction)},
      {"wilcoxon", Wilcoxon(harm, rule)},
  };
}

json Coverage(const ce::CoverageReport& coverage, const ce::SmallCellRule& rule) {
  json types = json::array();
  for (const ce::TypeCoverage& type : coverage.by_type) {
    if (type.events == 0) continue;
    types.push_back({{"type", type.type},
                     {"category", ce::InterventionCategoryName(type.category)},
                     {"civil_measure", type.civil_measure},
                     {"events", DiscloseCount(I(type.events), rule)},
                     {"people", DiscloseCount(I(type.subjects), rule)},
                     {"share", DiscloseShare(I(type.subjects), I(type.applicable), rule)}});
  }
  json categories = json::array();
  for (const ce::CategoryCoverage& category : coverage.by_category) {
    categories.push_back(
        {{"category", ce::InterventionCategoryName(category.category)},
         {"people", DiscloseCount(I(category.subjects), rule)},
         {"share", DiscloseShare(I(category.subjects), I(coverage.cohort), rule)}});
  }
  return {{"cohort", DiscloseCount(I(coverage.cohort), rule)},
          {"by_type", types},
          {"by_category", categories},
          {"with_any_intervention", DiscloseCount(I(coverage.with_any_intervention), rule)},
          {"with_civil_measure", DiscloseCount(I(coverage.with_civil_measure), rule)},
          {"civil_measure_rate",
           DiscloseShare(I(coverage.with_civil_measure), I(coverage.cohort), rule)},
          {"events_outside_cohort", DiscloseCount(I(coverage.outside_cohort), rule)}};
}

json ReoffendingRow(const ce::ReoffendingRow& row, const ce::SmallCellRule& rule) {
  return {{"label", row.label},
          {"completers", DiscloseCount(I(row.completers), rule)},
          {"reoffended", DiscloseCount(I(row.reoffended), rule)},
          {"rate", DiscloseShare(I(row.reoffended), I(row.completers), rule)},
          {"incomplete_follow_up", DiscloseCount(I(row.incomplete_follow_up), rule)}};
}

json Reoffending(const ce::ReoffendingReport& report, const ce::SmallCellRule& rule) {
  json types = json::array();
  for (const ce::ReoffendingRow& row : report.by_type) types.push_back(ReoffendingRow(row, rule));
  json categories = json::array();
  for (const ce::ReoffendingRow& row : report.by_category) {
    categories.push_back(ReoffendingRow(row, rule));
  }
  return {
      {"any", ReoffendingRow(report.any, rule)}, {"by_category", categories}, {"by_type", types}};
}

json Referrals(const EvaluationReport& report, const ce::SmallCellRule& rule) {
  const ce::ReferralReport& r = report.referrals;
  json pathways = json::array();
  for (const ce::LabelCount& pathway : r.by_pathway) {
    pathways.push_back(
        {{"pathway", pathway.label}, {"referrals", DiscloseCount(I(pathway.count), rule)}});
  }
  json decisions = json::array();
  for (const ce::DecisionCount& decision : r.by_decision) {
    json reasons = json::array();
    for (const ce::LabelCount& reason : decision.reasons) {
      reasons.push_back(
          {{"reason", reason.label}, {"count", DiscloseCount(I(reason.count), rule)}});
    }
    decisions.push_back({{"decision", ce::DecisionName(decision.decision)},
                         {"count", DiscloseCount(I(decision.count), rule)},
                         {"reasons", reasons}});
  }
  const auto decided = I(r.decided);
  json days = nullptr;
  if (r.days_to_decision) {
    days = {{"q1", DiscloseStatistic(r.days_to_decision->q1, decided, rule)},
            {"median", DiscloseStatistic(r.days_to_decision->median, decided, rule)},
            {"q3", DiscloseStatistic(r.days_to_decision->q3, decided, rule)}};
  }
  const ce::NotTakenForward& n = r.not_taken_forward;
  const auto ntf_people = I(n.people);
  return {{"referrals", DiscloseCount(I(r.referrals), rule)},
          {"duplicates_of_managed_left_out", DiscloseCount(I(report.duplicates_of_managed), rule)},
          {"by_pathway", pathways},
          {"by_decision", decisions},
          {"decided", DiscloseCount(decided, rule)},
          {"days_to_decision", days},
          {"not_taken_forward",
           {{"people", DiscloseCount(ntf_people, rule)},
            {"reoffended", DiscloseCount(I(n.reoffended), rule)},
            {"rate", DiscloseShare(I(n.reoffended), ntf_people, rule)},
            {"offences", DiscloseCount(n.offences, rule)},
            {"harm_cchi_days", DiscloseStatistic(std::round(n.harm), ntf_people, rule)},
            {"incomplete_follow_up", DiscloseCount(I(n.incomplete_follow_up), rule)}}}};
}

json Spearman(const std::optional<ce::SpearmanResult>& result, const std::string& unavailable,
              const ce::SmallCellRule& rule) {
  if (!result) return {{"unavailable", unavailable}};
  const auto n = I(result->n);
  return {{"n", DiscloseCount(n, rule)},
          {"rho", DiscloseStatistic(result->rho, n, rule)},
          {"p_value", DiscloseStatistic(result->p_value, n, rule)},
          {"ties", result->ties},
          {"method", ce::PValueMethodName(result->method)}};
}

json Validation(const EvaluationReport& report, const ce::SmallCellRule& rule) {
  if (!report.validation) return {{"unavailable", report.validation_unavailable}};
  const ce::ValidationReport& v = *report.validation;
  json bands = json::array();
  for (const ce::BandHarm& band : v.bands) {
    const auto people = I(band.people);
    bands.push_back({{"first", band.band.first},
                     {"last", band.band.last},
                     {"people", DiscloseCount(people, rule)},
                     {"mean_harm", DiscloseStatistic(band.mean_harm, people, rule)},
                     {"mean_offences", DiscloseStatistic(band.mean_offences, people, rule)}});
  }
  json overlaps = json::array();
  for (const ce::OverlapResult& overlap : v.overlaps) {
    overlaps.push_back({{"actual_top", overlap.query.actual_top},
                        {"ranked_top", overlap.query.ranked_top},
                        {"actual", DiscloseCount(I(overlap.actual), rule)},
                        {"found", DiscloseCount(I(overlap.found), rule)},
                        {"share", DiscloseShare(I(overlap.found), I(overlap.actual), rule)},
                        {"tied_at_cutoff", DiscloseCount(I(overlap.tied_at_cutoff), rule)}});
  }
  return {{"run", report.validated_run->id},
          {"run_on", report.validated_run->run_on.ToIso()},
          {"people", DiscloseCount(I(v.people), rule)},
          {"rank_vs_harm", Spearman(v.rank_vs_harm, v.rank_vs_harm_unavailable, rule)},
          {"rank_vs_offences", Spearman(v.rank_vs_offences, v.rank_vs_offences_unavailable, rule)},
          {"bands", bands},
          {"overlaps", overlaps}};
}

json Retention(const EvaluationReport& report, const ce::SmallCellRule& rule) {
  json runs = json::array();
  for (const RunSummary& run : report.runs) {
    runs.push_back({{"id", run.id},
                    {"run_on", run.run_on.ToIso()},
                    {"ranked", DiscloseCount(I(run.ranked), rule)}});
  }
  json series = json::array();
  for (const ce::RetentionSeries& s : report.retention) {
    json points = json::array();
    for (const ce::RetentionPoint& point : s.points) {
      // A share of a top N describes the ranking, not people; the count behind it is left out.
      points.push_back({{"run", report.runs[point.run].id},
                        {"share", std::round(point.share * 10000.0) / 10000.0}});
    }
    series.push_back({{"top", s.top}, {"baseline", s.baseline}, {"points", points}});
  }
  return {{"runs", runs}, {"series", series}};
}

json Caseload(const EvaluationReport& report, const ce::SmallCellRule& rule) {
  if (!report.caseload) return {{"unavailable", report.caseload_unavailable}};
  const ce::CaseloadReport& c = *report.caseload;
  json managers = json::array();
  for (const ce::ManagerCaseload& m : c.managers) {
    managers.push_back({{"manager", m.manager},
                        {"cases", DiscloseCount(I(m.cases), rule)},
                        {"high_risk", DiscloseCount(I(m.high_risk), rule)},
                        {"over_maximum", m.over_maximum},
                        {"high_risk_flagged", m.high_risk_flagged}});
  }
  // The mean times the number of managers is the total: it is worked out from the total as
  // disclosed (rounded, or suppressed with it), so it cannot give back a suppressed count.
  const auto total = static_cast<std::int64_t>(
      std::llround(c.mean_cases * static_cast<double>(c.managers.size())));
  const json disclosed_total = DiscloseCount(total, rule);
  const json mean = disclosed_total.is_number() && !c.managers.empty()
                        ? json(std::round(disclosed_total.get<double>() * 100.0 /
                                          static_cast<double>(c.managers.size())) /
                               100.0)
                        : json("suppressed");
  return {{"managers", managers},
          {"over_maximum", c.over_maximum},
          {"high_risk_flagged", c.high_risk_flagged},
          {"mean_cases", mean},
          {"max_cases", report.parameters.caseload.max_cases}};
}

json Plots(const EvaluationReport& report, const ce::SmallCellRule& rule) {
  std::vector<double> before;
  std::vector<double> after;
  for (const ce::PersonHarmChange& person : report.harm.people) {
    before.push_back(person.harm_before);
    after.push_back(person.harm_after);
  }
  const auto people = I(before.size());
  const auto mean = [](const std::vector<double>& values) -> std::optional<double> {
    if (values.empty()) return std::nullopt;
    double sum = 0;
    for (const double v : values) sum += v;
    return sum / static_cast<double>(values.size());
  };
  json bins = json::array();
  for (const RankBin& bin : report.rank_bins) {
    const auto n = I(bin.people);
    bins.push_back({{"first", bin.first},
                    {"last", bin.last},
                    {"people", DiscloseCount(n, rule)},
                    {"mean_harm", DiscloseStatistic(bin.mean_harm, n, rule)},
                    {"mean_offences", DiscloseStatistic(bin.mean_offences, n, rule)}});
  }
  return {{"harm_before_after",
           {{"people", DiscloseCount(people, rule)},
            {"mean_before", DiscloseStatistic(mean(before), people, rule)},
            {"mean_after", DiscloseStatistic(mean(after), people, rule)},
            {"median_before", DiscloseStatistic(ce::Quantile(before, 0.5), people, rule)},
            {"median_after", DiscloseStatistic(ce::Quantile(after, 0.5), people, rule)}}},
          {"rank_vs_harm", {{"bins", bins}}}};
}

json Table(const ReportTable& table) {
  json cells = json::array();
  for (const auto& row : table.table.cells) {
    json out = json::array();
    for (const ce::PublishedCell& cell : row) out.push_back(DiscloseCell(cell));
    cells.push_back(out);
  }
  return {{"id", table.id},
          {"title", table.title},
          {"rows", table.table.row_labels},
          {"columns", table.table.column_labels},
          {"cells", cells},
          {"primary_suppressed", table.table.primary_suppressed},
          {"secondary_suppressed", table.table.secondary_suppressed}};
}

}  // namespace

json ReportToJson(const EvaluationReport& report) {
  const ce::SmallCellRule& rule = report.parameters.disclosure.small_cells;
  json tables = json::array();
  for (const ReportTable& table : report.tables) tables.push_back(Table(table));
  return {{"format", kReportFormat},
          {"evaluation_id", report.parameters.evaluation_id},
          {"isa", {{"id", report.parameters.isa_id}, {"version", report.parameters.isa_version}}},
          {"parameters", Parameters(report.parameters)},
          {"disclosure", Disclosure(report)},
          {"cohort",
           {{"subjects", DiscloseCount(I(report.subjects), rule)},
            {"subjects_not_held_left_out", DiscloseCount(I(report.subjects_not_held), rule)},
            {"adopted", DiscloseCount(I(report.cohort), rule)},
            {"partner_interventions", DiscloseCount(I(report.partner_interventions), rule)},
            {"partner_rows_unknown", DiscloseCount(I(report.partner_rows_unknown), rule)}}},
          {"harm_change", HarmChange(report.harm, rule)},
          {"interventions", Coverage(report.coverage, rule)},
          {"reoffending_after_completion", Reoffending(report.reoffending, rule)},
          {"referrals", Referrals(report, rule)},
          {"algorithm_validation", Validation(report, rule)},
          {"retention", Retention(report, rule)},
          {"caseload", Caseload(report, rule)},
          {"plots", Plots(report, rule)},
          {"tables", tables},
          {"emmie", EmmieToJson()}};
}

}  // namespace tandem::node::eval
