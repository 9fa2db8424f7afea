// The evaluator's local routes (role evaluator only; docs/evaluation.md):
//   POST /v1/eval/report       -> {"evaluation_id", "report": {...}, "html": "<document>"}
//   POST /v1/eval/outcome-set  -> {"evaluation_id", "csv": "<text>", "manifest": "<json text>",
//                                  "rows", "rows_suppressed", "partners": [...]}
// Body (every member optional): {"evaluation_id", "data_end": "YYYY-MM-DD", "k",
//   "quasi_identifiers": [...], "small_cell_threshold", "rounding_base", "max_suppressed_share",
//   "epsilon_per_table": "0.5", "before_days", "after_days", "follow_up_days",
//   "value_per_cchi_day"}. Defaults: a random evaluation id, today, and the ISA's disclosure
// control (k, threshold, rounding, epsilon budget).
// Each request is one evaluation: fresh pseudonyms, partners asked under clause 6.1 when the
// node holds handles for the cohort, outputs computed with disclosure control. Answers carry
// only disclosed figures and pseudonymised rows, never a subject key, reference or token.
// The privacy-budget ledger is kept in memory per agreement (reset when the node restarts).
// Thread-safe: evaluations run one at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/eval/privacy_budget.h"
#include "core/panel/occurrence.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "crypto/signing.h"
#include "node/eval/partner_rows.h"
#include "node/exchange/current_policy.h"
#include "node/runtime/local_api.h"

namespace tandem::node::runtime {

// Read access to the coordinator's panel: runs the function on the book and the ranking runs
// (panel::PanelService::Read).
using PanelReader =
    std::function<Status(const std::function<Status(const core::panel::PanelBook&,
                                                    std::span<const core::panel::RankingRun>)>&)>;

// Every police occurrence this node holds, by subject key.
using OccurrenceLoader =
    std::function<Result<std::map<std::string, std::vector<core::panel::Occurrence>>>()>;

struct EvalApiContext {
  std::string self;
  exchange::CurrentPolicy* policy = nullptr;
  const crypto::SigningKey* identity = nullptr;
  PanelReader panel;                          // unset: the routes answer 404 (no panel here)
  OccurrenceLoader occurrences;               // unset: no occurrences (harm figures are zero)
  eval::PartnerHandleLookup partner_handles;  // unset: no partner is asked
  eval::EvaluationCall call;                  // how partners are asked
  std::function<protocol::Seconds()> clock;
};

class EvalApi {
 public:
  explicit EvalApi(EvalApiContext context) : context_(std::move(context)) {}
  // The routes above; this object must outlive them.
  std::vector<LocalRoute> Routes();

 private:
  net::HttpResponse Report(const net::HttpRequest& request);
  net::HttpResponse OutcomeSet(const net::HttpRequest& request);

  EvalApiContext context_;
  std::mutex mutex_;  // one evaluation at a time; guards the ledger
  core::eval::PrivacyBudgetLedger ledger_;
};

}  // namespace tandem::node::runtime
