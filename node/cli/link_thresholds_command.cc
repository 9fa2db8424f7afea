// `tandem link-thresholds`: the band thresholds chosen from clerically reviewed pairs
// (core/matching/bands.h, PickThresholdsForPrecision) instead of the model's posteriors, written
// into the match model the nodes answer match queries with. Prints weights and counts only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/matching/bands.h"
#include "core/matching/linkage_quality.h"
#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/linkage/match_model_file.h"

namespace tandem::node::cli {
namespace {

constexpr const char* kName = "link-thresholds";
constexpr int kExitNoThreshold = 1;
constexpr int kExitError = 2;
// The normal quantile of a two-sided 95% interval.
constexpr double kZ95 = 1.959963984540054;

struct ThresholdArgs {
  std::string reviewed;
  std::string model;
  std::string out;
  double auto_precision = 0.99;
  double review_precision = core::matching::kDefaultReviewProbability;
};

// The lower end of the Wilson score interval (95%) for `same` of `n`: how low the precision
// of the band may be, given that the reviewed pairs are a sample of it.
double WilsonLower(std::size_t same, std::size_t n) {
  const auto nd = static_cast<double>(n);
  const double p = static_cast<double>(same) / nd;
  const double z2 = kZ95 * kZ95;
  const double centre = p + z2 / (2 * nd);
  const double spread = kZ95 * std::sqrt(p * (1 - p) / nd + z2 / (4 * nd * nd));
  return (centre - spread) / (1 + z2 / nd);
}

struct Tally {
  std::size_t n = 0;
  std::size_t same = 0;
};

// The reviewed pairs weighing at least `from` and less than `to`.
Tally Count(const std::vector<core::matching::LabelledPair>& reviewed, double from, double to) {
  Tally tally;
  for (const auto& pair : reviewed) {
    if (pair.weight < from || pair.weight >= to) continue;
    ++tally.n;
    tally.same += pair.same_person ? 1 : 0;
  }
  return tally;
}

// One threshold's line: the reviewed pairs at or above it, their precision and its lower bound,
// and what the model's posterior says there. False when the lower bound misses `target`.
bool PrintThreshold(const char* band, double weight, double was, double target,
                    const std::vector<core::matching::LabelledPair>& reviewed,
                    const core::matching::MatchModel& model) {
  const Tally above = Count(reviewed, weight, HUGE_VAL);
  const double lower = WilsonLower(above.same, above.n);
  std::printf(
      "  %-6s weight >= %.2f (was %.2f): %zu reviewed pairs at or above, %zu the same person, "
      "precision %.4f (95%% lower bound %.4f); the model's P(match) there %.4f\n",
      band, weight, was, above.n, above.same,
      static_cast<double>(above.same) / static_cast<double>(above.n), lower,
      model.MatchProbabilityForWeight(weight));
  return lower >= target;
}

// The pairs a lower auto threshold makes automatic, on their own: the band's precision can
// reach the target while the pairs added to it fall short, carried by the pairs above.
void PrintAdded(double weight, double was,
                const std::vector<core::matching::LabelledPair>& reviewed) {
  if (weight >= was) return;
  const Tally added = Count(reviewed, weight, was);
  if (added.n == 0) {
    std::printf("  newly automatic (%.2f to %.2f): no reviewed pair\n", weight, was);
    return;
  }
  std::printf(
      "  newly automatic (%.2f to %.2f): %zu reviewed pairs, %zu the same person, precision "
      "%.4f (95%% lower bound %.4f)\n",
      weight, was, added.n, added.same,
      static_cast<double>(added.same) / static_cast<double>(added.n),
      WilsonLower(added.same, added.n));
}

int Run(const ThresholdArgs& args) {
  auto model = linkage::ReadMatchModel(args.model);
  if (!model) {
    PrintError(kName, model.error().message);
    return kExitError;
  }
  std::ifstream in(args.reviewed, std::ios::binary);
  if (!in) {
    PrintError(kName, "cannot open the reviewed pairs " + args.reviewed);
    return kExitError;
  }
  auto reviewed = core::matching::ParseReviewedPairsCsv(in);
  if (!reviewed) {
    PrintError(kName, args.reviewed + ": " + reviewed.error().message);
    return kExitError;
  }
  const auto same = static_cast<std::size_t>(std::count_if(
      reviewed->begin(), reviewed->end(), [](const auto& p) { return p.same_person; }));
  std::printf("Reviewed pairs: %zu (%zu the same person, %zu not)\n", reviewed->size(), same,
              reviewed->size() - same);
  auto picked = core::matching::PickThresholdsForPrecision(*reviewed, args.auto_precision,
                                                           args.review_precision);
  if (!picked) {
    PrintError(kName, picked.error().message);
    return picked.error().code == Code::kNotFound ? kExitNoThreshold : kExitError;
  }
  std::printf("Thresholds for precision %.4f (auto) and %.4f (review) on the reviewed pairs:\n",
              args.auto_precision, args.review_precision);
  const bool auto_shown = PrintThreshold("auto", picked->auto_match, model->thresholds.auto_match,
                                         args.auto_precision, *reviewed, model->model);
  PrintAdded(picked->auto_match, model->thresholds.auto_match, *reviewed);
  const bool review_shown = PrintThreshold("review", picked->review, model->thresholds.review,
                                           args.review_precision, *reviewed, model->model);
  if (!auto_shown || !review_shown) {
    std::printf(
        "The reviewed pairs are too few to show a target with 95%% confidence: review more "
        "pairs near the threshold before relying on it.\n");
  }
  if (args.out.empty()) return 0;
  if (auto written = linkage::WriteMatchModel(args.out, {model->model, *picked}); !written) {
    PrintError(kName, written.error().message);
    return kExitError;
  }
  std::printf(
      "Wrote %s: the same model with these thresholds. Install it as match-model.json in every "
      "node's data directory; a node reads it when it starts.\n",
      args.out.c_str());
  return 0;
}

}  // namespace

void AddLinkThresholdsCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ThresholdArgs>();
  CLI::App* cmd = app.add_subcommand(
      kName,
      "Choose the auto and review thresholds from clerically reviewed pairs, for target "
      "precisions, and write them into the match model");
  cmd->add_option("--reviewed", args->reviewed,
                  "The explanations file of `tandem link --explanations` with a same_person "
                  "column added by reviewers: yes, no, or empty for a pair not reviewed")
      ->required();
  cmd->add_option("--model", args->model,
                  "The match model of the same linkage run (`tandem link --model-out`)")
      ->required();
  cmd->add_option("--out", args->out, "Write the model with the chosen thresholds here");
  cmd->add_option("--auto-precision", args->auto_precision,
                  "Share of the reviewed pairs at or above the auto threshold that must be the "
                  "same person")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--review-precision", args->review_precision, "The same for the review threshold")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->footer(
      "Each threshold is the lowest weight whose reviewed pairs at or above reach the target, so "
      "the reviewed pairs should be a random sample of the pairs around the thresholds. The "
      "95% lower bound says how far the sample supports it.\n"
      "Exit status: 0 chosen, 1 no threshold reaches a target on these pairs, 2 error.\n"
      "How it works: docs/scoring.md, \"Bands\".");
  cmd->callback([&ctx, args] { ctx.exit_code = Run(*args); });
}

}  // namespace tandem::node::cli
