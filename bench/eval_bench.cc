// Evaluation throughput: the signed report (JSON and HTML with plots) and the signed outcome set
// for a synthetic cohort with five years of events, timed end to end from the panel book, ranking
// runs and occurrences to the file contents, against the target of 10 s (the ratio is
// measured seconds / 10). Generating the cohort is timed apart and not counted.
//
// Usage: eval_bench [subjects] [referred share] [runs]   (defaults 10000, 1.0, 3; the median
// run is reported)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench/thread_cpu_clock.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "node/eval/evaluation_outputs.h"
#include "node/eval/report_release.h"
#include "node/eval/synthetic_cohort.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace eval = tandem::node::eval;
constexpr double kTargetSeconds = 10.0;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t subjects = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000;
  const double referred = argc > 2 ? std::strtod(argv[2], nullptr) : 1.0;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  if (!tandem::crypto::InitSodium()) return 1;

  eval::SyntheticCohortOptions options;
  options.subjects = subjects;
  options.referred_share = referred;
  options.years = 5;
  const auto generated_at = Clock::now();
  auto cohort = eval::MakeSyntheticCohort(options);
  if (!cohort) {
    std::cerr << "eval_bench: " << cohort.error().message << "\n";
    return 1;
  }
  const double generation = Since(generated_at);
  auto key = tandem::crypto::SigningKey::Generate();
  if (!key) return 1;

  eval::EvaluationParameters parameters;
  parameters.evaluation_id = "bench";
  parameters.isa_id = "bench-isa";
  parameters.isa_version = 1;
  parameters.data_end = cohort->data_end;

  std::vector<double> report_seconds;
  std::vector<double> set_seconds;
  std::vector<double> totals;
  std::size_t rows = 0;
  std::size_t report_bytes = 0;
  for (int r = 0; r < runs; ++r) {
    // One evaluation: fresh pseudonyms, the partner's rows keyed by them.
    eval::EvaluationPseudonyms pseudonyms;
    std::vector<eval::PartnerIntervention> partner_rows;
    const auto started = Clock::now();
    for (const eval::SyntheticDelivery& delivery : cohort->deliveries) {
      eval::PartnerIntervention row = delivery.row;
      row.pseudonym = pseudonyms.For(delivery.subject_key);
      partner_rows.push_back(row);
    }
    eval::EvaluationSources sources;
    sources.book = &cohort->book;
    sources.runs = cohort->runs;
    sources.occurrences = cohort->Lookup();
    sources.subject_facts = cohort->Facts();
    sources.partner_rows = partner_rows;
    auto report = eval::ProduceReport(sources, parameters, pseudonyms);
    if (!report) {
      std::cerr << "eval_bench: " << report.error().message << "\n";
      return 1;
    }
    auto released =
        eval::ReleaseReport(std::move(*report), {"bench-node", "2026-01-01T00:00:00Z", *key});
    if (!released) {
      std::cerr << "eval_bench: " << released.error().message << "\n";
      return 1;
    }
    const double report_done = Since(started);
    eval::ManifestContext context{"bench-node", "2026-01-01T00:00:00Z", {}, ""};
    auto set = eval::ProduceOutcomeSet(sources, parameters, pseudonyms, context, *key);
    if (!set) {
      std::cerr << "eval_bench: " << set.error().message << "\n";
      return 1;
    }
    const double total = Since(started);
    report_seconds.push_back(report_done);
    set_seconds.push_back(total - report_done);
    totals.push_back(total);
    rows = set->rows;
    report_bytes = released->json.size() + released->html.size();
  }
  const double total = tandem::bench::Median(totals);
  std::printf(
      "eval_bench: %zu subjects over 5 years, %zu occurrences, %zu referrals, %zu adopted, "
      "%zu ranking runs (generated in %.2f s, not counted)\n",
      subjects, cohort->occurrence_count, cohort->truth.referrals, cohort->truth.adopted,
      cohort->truth.ranking_runs, generation);
  std::printf("  report (json + html, signed, %zu bytes): %.3f s\n", report_bytes,
              tandem::bench::Median(report_seconds));
  std::printf("  outcome set (%zu rows + manifest): %.3f s\n", rows,
              tandem::bench::Median(set_seconds));
  std::printf("  total: %.3f s, ratio to the %.0f s target: %.3f (median of %d)\n", total,
              kTargetSeconds, total / kTargetSeconds, runs);
  return 0;
}
