#include "node/eval/evaluation_outputs.h"

#include "node/eval/evaluation_data.h"
#include "node/eval/evaluation_report.h"
#include "node/eval/outcome_set.h"
#include "node/eval/report_json.h"

namespace tandem::node::eval {

Result<nlohmann::json> ProduceReport(const EvaluationSources& sources,
                                     const EvaluationParameters& parameters,
                                     EvaluationPseudonyms& pseudonyms,
                                     core::eval::PrivacyBudgetLedger* ledger,
                                     core::eval::RandomSource* random) {
  auto data = GatherEvaluationData(sources, parameters, pseudonyms);
  if (!data) return tl::unexpected(data.error());
  auto report = BuildEvaluationReport(*data, parameters, ledger, random);
  if (!report) return tl::unexpected(report.error());
  return ReportToJson(*report);
}

Result<OutcomeSetFiles> ProduceOutcomeSet(const EvaluationSources& sources,
                                          const EvaluationParameters& parameters,
                                          EvaluationPseudonyms& pseudonyms,
                                          const ManifestContext& context,
                                          const crypto::SigningKey& key) {
  auto data = GatherEvaluationData(sources, parameters, pseudonyms);
  if (!data) return tl::unexpected(data.error());
  EvaluationParameters without_noise = parameters;
  without_noise.disclosure.epsilon_per_table.reset();
  auto report = BuildEvaluationReport(*data, without_noise);
  if (!report) return tl::unexpected(report.error());
  auto set = BuildOutcomeSet(*data, *report, parameters);
  if (!set) return tl::unexpected(set.error());
  auto manifest = SignOutcomeManifest(*set, parameters, context, key);
  if (!manifest) return tl::unexpected(manifest.error());
  return OutcomeSetFiles{std::move(set->csv), std::move(*manifest), set->rows,
                         set->records_suppressed};
}

}  // namespace tandem::node::eval
