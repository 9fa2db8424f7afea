// `tandem link`: links the six person exports of a partnership locally (node/linkage), and
// writes links.csv for `tandem linkage-quality`. Prints counts only, never an identifier.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/agency.h"
#include "core/matching/bands.h"
#include "node/cli/commands.h"
#include "node/cli/number_format.h"
#include "node/cli/progress_bar.h"
#include "node/cli/store_options.h"
#include "node/linkage/linkage.h"
#include "node/linkage/links_file.h"
#include "node/linkage/match_model_file.h"

namespace tandem::node::cli {
namespace {

constexpr const char* kName = "link";
constexpr int kExitRefused = 1;
constexpr int kExitError = 2;
constexpr std::size_t kExplanationsShown = 8;

struct LinkArgs {
  std::string exports;
  std::string out;
  std::string baseline;
  std::string explanations;
  std::string model_out;
  double auto_probability = core::matching::kDefaultAutoMatchProbability;
  double review_probability = core::matching::kDefaultReviewProbability;
  std::optional<double> auto_weight;
  std::optional<double> review_weight;
  unsigned threads = 2;
  std::size_t batch_size = 2048;
};

void PrintModel(const linkage::LinkReport& report) {
  const auto& fit = *report.fit;
  const auto& model = fit.model;
  std::printf(
      "Model: EM over every cross-agency pair (candidates + exact non-candidate counts), "
      "%d iterations%s; prior %.3g\n",
      fit.iterations, fit.converged ? ", converged" : ", NOT converged (iteration cap)",
      model.prior());
  std::printf("  %-12s %-26s %9s %11s %9s\n", "comparison", "level", "m", "u", "weight");
  for (const auto& family : model.families()) {
    for (std::size_t o = 0; o < family.m.size(); ++o) {
      const bool disagree = o == family.family.levels.size();
      std::printf("  %-12s %-26s %9.4f %11.3e %+9.2f\n", o == 0 ? family.family.name.c_str() : "",
                  disagree ? "(disagree)" : family.family.levels[o].c_str(), family.m[o],
                  family.u[o], std::log2(family.m[o]) - std::log2(family.u[o]));
    }
  }
  const auto& t = *report.thresholds;
  std::printf("Bands: auto at weight >= %.2f (P(match) %.4f), review at >= %.2f (P(match) %.4f)\n",
              t.auto_match, model.MatchProbabilityForWeight(t.auto_match), t.review,
              model.MatchProbabilityForWeight(t.review));
}

void PrintLinks(const linkage::LinkReport& report) {
  using core::matching::Band;
  std::map<std::pair<core::AgencyKind, core::AgencyKind>, std::pair<std::uint64_t, std::uint64_t>>
      by_pair;
  std::uint64_t autos = 0;
  std::uint64_t reviews = 0;
  for (const auto& link : report.links) {
    if (link.band == Band::kNonMatch) continue;
    auto& counts = by_pair[{link.agency_a, link.agency_b}];
    if (link.band == Band::kAutoMatch) {
      ++autos;
      ++counts.first;
    } else {
      ++reviews;
      ++counts.second;
    }
  }
  std::printf("Links: %s auto, %s review\n", Grouped(autos).c_str(), Grouped(reviews).c_str());
  for (const auto& [pair, counts] : by_pair) {
    const std::string name = std::string(core::AgencyName(pair.first)) + " / " +
                             std::string(core::AgencyName(pair.second));
    std::printf("  %-36s %10s auto %10s review\n", name.c_str(), Grouped(counts.first).c_str(),
                Grouped(counts.second).c_str());
  }
  if (!report.fit) return;
  // The commonest reasons, by key-type names only. Patterns that differ only in keys their
  // family does not count read the same, so they are counted together.
  std::map<std::string, std::uint64_t> reasons;
  for (const auto& link : report.links) {
    if (link.band == Band::kNonMatch) continue;
    ++reasons[core::matching::FormatExplanation(
        core::matching::Explain(report.fit->model, *report.thresholds, link.pattern))];
  }
  std::vector<std::pair<std::uint64_t, const std::string*>> ranked;
  ranked.reserve(reasons.size());
  for (const auto& [text, count] : reasons) ranked.emplace_back(count, &text);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::printf("Commonest explanations:\n");
  for (std::size_t i = 0; i < std::min(kExplanationsShown, ranked.size()); ++i) {
    std::printf("  %8s  %s\n", Grouped(ranked[i].first).c_str(), ranked[i].second->c_str());
  }
}

void PrintSummary(const linkage::LinkReport& report, const LinkArgs& args, bool baseline) {
  std::uint64_t records = 0;
  std::string per_agency;
  for (std::size_t i = 0; i < report.records.size(); ++i) {
    records += report.records[i];
    if (!per_agency.empty()) per_agency += ", ";
    per_agency +=
        std::string(core::AgencyName(core::kAllAgencyKinds[i])) + " " + Grouped(report.records[i]);
  }
  std::printf("Read %s person records (%s); %s gave no key value.\n", Grouped(records).c_str(),
              per_agency.c_str(), Grouped(report.records_without_keys).c_str());
  std::printf(
      "Match keys (%zu types%s): %s values, %s distinct, each tokenised once through the "
      "3-of-6 threshold OPRF in %s batches, every holder's proof verified.\n",
      report.key_names.size(), baseline ? ", exact baseline" : "",
      Grouped(report.key_values).c_str(), Grouped(report.distinct_values).c_str(),
      Grouped(report.oprf_batches).c_str());
  if (report.values_too_long > 0) {
    std::printf("  %s values over 65,535 bytes could not be tokenised and were left out.\n",
                Grouped(report.values_too_long).c_str());
  }
  std::printf(
      "Blocking on shared tokens: %s distinct tokens, %s cross-agency candidate pairs "
      "(largest block %s records).\n",
      Grouped(report.distinct_tokens).c_str(), Grouped(report.candidate_pairs).c_str(),
      Grouped(report.largest_block).c_str());
  if (report.fit) PrintModel(report);
  PrintLinks(report);
  std::printf(
      "Wrote %s in %.1f s (reading and tokenising %.1f s, blocking %.1f s, scoring "
      "%.1f s).\n",
      args.out.c_str(), report.total_time.count(), report.read_and_tokenise_time.count(),
      report.blocking_time.count(), report.fitting_time.count());
}

void RunLinkCommand(const LinkArgs& args, CommandContext& ctx) {
  const auto fail = [&ctx](int code, std::string_view message) {
    PrintError(kName, message);
    ctx.exit_code = code;
  };
  if (!args.baseline.empty() && args.baseline != "exact") {
    return fail(kExitError, "--baseline takes 'exact', not '" + args.baseline + "'");
  }
  const bool baseline = !args.baseline.empty();
  if (baseline && !args.explanations.empty()) {
    return fail(kExitError, "--explanations needs the scored linkage, not --baseline");
  }
  linkage::LinkOptions options;
  options.exports_dir = args.exports;
  options.mode = baseline ? linkage::LinkMode::kExactBaseline : linkage::LinkMode::kScored;
  options.auto_probability = args.auto_probability;
  options.review_probability = args.review_probability;
  options.auto_weight = args.auto_weight;
  options.review_weight = args.review_weight;
  options.threads = args.threads;
  options.batch_size = args.batch_size;
  ProgressBar bar;
  options.on_progress = [&bar](std::string_view, std::uint64_t done, std::uint64_t total) {
    bar.Update(done, total);
  };

  auto report = linkage::RunLinkage(options);
  bar.Clear();
  if (!report) return fail(kExitError, report.error().message + "; no links written");
  if (report->refused) {
    PrintError(kName, "refused: " + Grouped(report->bad_rows) +
                          (report->bad_rows == 1 ? " bad row" : " bad rows") +
                          " in the exports; no links written");
    for (const auto& line : report->first_problems) std::cerr << "  " << line << "\n";
    if (report->problems > report->first_problems.size()) {
      std::cerr << "  ... and " << report->problems - report->first_problems.size()
                << " more problems\n";
    }
    std::cerr << "Fix the exports (tandem import --report FILE lists every problem of a file).\n";
    ctx.exit_code = kExitRefused;
    return;
  }
  if (auto written = linkage::WriteLinksCsv(args.out, report->links); !written) {
    return fail(kExitError, written.error().message);
  }
  if (!args.explanations.empty()) {
    if (auto written = linkage::WriteExplanationsCsv(args.explanations, report->links,
                                                     report->fit->model, *report->thresholds);
        !written) {
      return fail(kExitError, written.error().message);
    }
  }
  if (!args.model_out.empty() && report->fit) {
    if (auto written = linkage::WriteMatchModel(
            args.model_out, linkage::MatchModelFile{report->fit->model, *report->thresholds});
        !written) {
      return fail(kExitError, written.error().message);
    }
  }
  PrintSummary(*report, args, baseline);
}

}  // namespace

void AddLinkCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<LinkArgs>();
  CLI::App* cmd = app.add_subcommand(
      kName,
      "Link the six person exports of a partnership locally: match keys, threshold-OPRF tokens, "
      "blocking, Fellegi-Sunter scoring with EM; writes links.csv");
  cmd->add_option("--exports", args->exports,
                  "Directory holding police_nominals.csv, probation_cases.csv, "
                  "nhs_mental_health.csv, housing_tenancies.csv, treatment_episodes.csv and "
                  "idva_cases.csv")
      ->required();
  cmd->add_option("--out", args->out,
                  "Links file to write (agency_a,record_a,agency_b,record_b,band,weight; auto "
                  "and review links only), written atomically")
      ->required();
  cmd->add_option("--baseline", args->baseline,
                  "'exact': instead of scoring, link every pair sharing a PNC ID, NHS number, NI "
                  "number or exact forename+surname+date of birth (all auto), for comparison");
  cmd->add_option("--auto-probability", args->auto_probability,
                  "Posterior at which a pair is linked automatically")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--review-probability", args->review_probability,
                  "Posterior at which a pair goes to review")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--auto-weight", args->auto_weight,
                  "Auto-match threshold as a weight in bits (replaces --auto-probability)");
  cmd->add_option("--review-weight", args->review_weight,
                  "Review threshold as a weight in bits (replaces --review-probability)");
  cmd->add_option("--model-out", args->model_out,
                  "Also write the fitted model and band thresholds (match-model.json), which "
                  "nodes answer match queries with");
  cmd->add_option("--threads", args->threads, "Tokenising threads")
      ->capture_default_str()
      ->check(CLI::Range(1u, 64u));
  cmd->add_option("--batch-size", args->batch_size,
                  "Key values per OPRF request (one proof per key holder per request)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{65535}));
  cmd->add_option(
      "--explanations", args->explanations,
      "Also write every candidate pair (non-matches too) with its band, weight and which "
      "comparison (and at which level) agreed and disagreed, for clerical review");
  cmd->footer(
      "Strict: an export with a bad row stops the linkage with the adapter's report.\n"
      "Prints counts only. Measure the result with:\n"
      "  tandem linkage-quality --links links.csv --truth DIR/truth.csv\n"
      "Exit status: 0 linked, 1 refused because of bad rows, 2 error.\n"
      "How it works and the measured quality: docs/matching.md.");
  cmd->callback([&ctx, args] { RunLinkCommand(*args, ctx); });
}

}  // namespace tandem::node::cli
