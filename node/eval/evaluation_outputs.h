// The two releases of an evaluation, from sources: the report (as JSON, which the releasing
// node completes and signs with report_release.h) and the outcome set (CSV and its signed
// manifest). Each call is one evaluation: it reads the sources
// through the pseudonyms it is given (make a new EvaluationPseudonyms per evaluation, and use
// the same one for the partners' rows), computes, applies disclosure control and returns the
// file contents; nothing is written here. Thread-compatible.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/eval/privacy_budget.h"
#include "core/eval/random_source.h"
#include "core/result.h"
#include "crypto/signing.h"
#include "node/eval/evaluation_pseudonyms.h"
#include "node/eval/evaluation_sources.h"
#include "node/eval/outcome_manifest.h"

namespace tandem::node::eval {

struct OutcomeSetFiles {
  std::string csv;       // outcome-set.csv
  std::string manifest;  // manifest.json
  std::size_t rows = 0;
  std::size_t rows_suppressed = 0;
};

// The report, unsigned. Errors: those of GatherEvaluationData and BuildEvaluationReport.
Result<nlohmann::json> ProduceReport(const EvaluationSources& sources,
                                     const EvaluationParameters& parameters,
                                     EvaluationPseudonyms& pseudonyms,
                                     core::eval::PrivacyBudgetLedger* ledger = nullptr,
                                     core::eval::RandomSource* random = nullptr);

// `context` names the signer and the time; its noise figures are the agreement's budget as
// it stands (the outcome set itself spends none). Errors: those of GatherEvaluationData,
// BuildEvaluationReport (without noise), BuildOutcomeSet and SignOutcomeManifest.
Result<OutcomeSetFiles> ProduceOutcomeSet(const EvaluationSources& sources,
                                          const EvaluationParameters& parameters,
                                          EvaluationPseudonyms& pseudonyms,
                                          const ManifestContext& context,
                                          const crypto::SigningKey& key);

}  // namespace tandem::node::eval
