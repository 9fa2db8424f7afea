// `tandem linkage-quality`: pairwise precision, recall and F1 of a links file against the
// synthetic ground truth, overall and per agency pair, for the auto band and auto + review
// (core/matching/linkage_quality.h does the counting).
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "core/matching/linkage_quality.h"
#include "node/cli/commands.h"
#include "node/cli/store_options.h"

namespace tandem::node::cli {
namespace {

constexpr const char* kName = "linkage-quality";
constexpr int kExitError = 2;

struct QualityArgs {
  std::string links;
  std::string truth;
};

Result<core::matching::LinkageQuality> Measure(const QualityArgs& args) {
  std::ifstream truth_in(args.truth, std::ios::binary);
  if (!truth_in) return Fail(Code::kNotFound, "cannot open the truth file " + args.truth);
  auto truth = core::matching::ParseTruthCsv(truth_in);
  if (!truth) return Fail(truth.error().code, args.truth + ": " + truth.error().message);
  auto evaluator = core::matching::LinkageEvaluator::Create(*truth);
  if (!evaluator)
    return Fail(evaluator.error().code, args.truth + ": " + evaluator.error().message);
  truth->clear();

  std::ifstream links_in(args.links, std::ios::binary);
  if (!links_in) return Fail(Code::kNotFound, "cannot open the links file " + args.links);
  auto read = core::matching::ReadLinksCsv(
      links_in, [&](const core::matching::Link& link) { return evaluator->Add(link); });
  if (!read) return Fail(read.error().code, args.links + ": " + read.error().message);
  return evaluator->Measure();
}

}  // namespace

void AddLinkageQualityCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<QualityArgs>();
  CLI::App* cmd = app.add_subcommand(
      kName,
      "Measure a links file against truth.csv: pairwise precision, recall and F1 over "
      "cross-agency pairs, overall and per agency pair, for auto and for auto+review");
  cmd->add_option("--links", args->links,
                  "Links file (agency_a,record_a,agency_b,record_b,band,weight), e.g. from "
                  "tandem link")
      ->required();
  cmd->add_option("--truth", args->truth,
                  "Ground truth (agency,record_id,person_id) that tandem synth writes")
      ->required();
  cmd->footer(
      "The truth file exists only for synthetic data; it is never used to link.\n"
      "Exit status: 0 measured, 2 error (a file missing or malformed, or a link naming a "
      "record the truth does not know).\nDefinitions: docs/scoring.md, \"Linkage quality\".");
  cmd->callback([&ctx, args] {
    auto quality = Measure(*args);
    if (!quality) {
      PrintError(kName, quality.error().message);
      ctx.exit_code = kExitError;
      return;
    }
    std::cout << core::matching::FormatLinkageQuality(*quality);
  });
}

}  // namespace tandem::node::cli
