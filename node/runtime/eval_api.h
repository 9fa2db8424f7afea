// The evaluator's local routes (role evaluator only; docs/evaluation.md):
//   POST /v1/eval/report       -> {"evaluation_id", "report": {...}, "html": "<document>"}
//   POST /v1/eval/outcome-set  -> {"evaluation_id", "csv": "<text>", "manifest": "<json text>",
//                                  "rows", "rows_suppressed", "partners": [...]}
// Body (every member optional): {"evaluation_id", "data_end": "YYYY-MM-DD", "k",
//   "quasi_identifiers": [...], "small_cell_threshold", "rounding_base", "max_suppressed_share",
//   "epsilon_per_table": "0.5", "before_days", "after_days", "follow_up_days",
//   "value_per_cchi_day"}. Defaults: a random evaluation id, today, and the ISA's disclosure
// control (k, threshold, rounding, epsilon budget).
// Each request is one evaluation: fresh pseudonyms; each adopted person matched across the
// partners under hhpp-evaluation-match (clause 6.2), whose handles only the evaluation request
// accepts; partners asked under clause 6.1 with those handles; outputs computed with disclosure
// control. A partner that refuses or misses the match is listed in "partners" with the reason.
// Answers carry only disclosed figures and pseudonymised rows, never a subject key, reference or
// token.
// The privacy-budget ledger is kept per agreement in the store's journal
// (node/eval/privacy_budget_journal.h): restored when the object is made (node start), and a
// noised report's spend is recorded before the report is returned; a spend that cannot be
// recorded refuses the report, returning nothing and spending nothing. Without a store the
// ledger lives in memory only.
// Thread-safe: evaluations run one at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/eval/privacy_budget.h"
#include "core/panel/occurrence.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "crypto/signing.h"
#include "node/endpoints/shared_store.h"
#include "node/eval/partner_rows.h"
#include "node/exchange/current_policy.h"
#include "node/runtime/local_api.h"
#include "node/runtime/partner_match.h"

namespace tandem::node::runtime {

// Read access to the coordinator's panel: runs the function on the book and the ranking runs
// (panel::PanelService::Read).
using PanelReader =
    std::function<Status(const std::function<Status(const core::panel::PanelBook&,
                                                    std::span<const core::panel::RankingRun>)>&)>;

// The partners' answers to an evaluation match of one subject key: a handle from each partner
// that matched, and an answer with `error` set for each that refused or could not be reached;
// empty when the subject cannot be matched at all. EvaluationMatcher in production.
using PartnerMatchLookup = std::function<std::vector<PartnerMatch>(const std::string& subject_key)>;

// Every police occurrence this node holds, by subject key.
using OccurrenceLoader =
    std::function<Result<std::map<std::string, std::vector<core::panel::Occurrence>>>()>;

struct EvalApiContext {
  std::string self;
  exchange::CurrentPolicy* policy = nullptr;
  const crypto::SigningKey* identity = nullptr;
  PanelReader panel;                   // unset: the routes answer 404 (no panel here)
  OccurrenceLoader occurrences;        // unset: no occurrences (harm figures are zero)
  PartnerMatchLookup partner_matches;  // unset: no partner is asked
  eval::EvaluationCall call;           // how partners are asked
  std::function<protocol::Seconds()> clock;
  endpoints::SharedStore* budget_store = nullptr;  // unset: the ledger lives in memory only
  // The police nominal facts (date of birth, postcode district) of a subject, for the outcome
  // set's age band and district. Unset: both "unknown".
  eval::SubjectFactsLookup subject_facts;
  // The offence table the panel weighs harm by; unset: core::OffenceTable::Approximate.
  const core::OffenceTable* offences = nullptr;
};

// The evaluation match over partner matching: the subject's record (export_kind, subject key)
// tokenised and sent as a match-query under hhpp-evaluation-match. The context's pointers are
// borrowed and must outlive the result.
PartnerMatchLookup EvaluationMatcher(PartnerMatchContext matching, std::string export_kind);

class EvalApi {
 public:
  // Restores the privacy-budget ledger from context.budget_store when set; if that fails, noised
  // reports are refused with the reason (releases without noise still work).
  explicit EvalApi(EvalApiContext context);
  // The routes above; this object must outlive them.
  std::vector<LocalRoute> Routes();

 private:
  net::HttpResponse Report(const net::HttpRequest& request);
  net::HttpResponse OutcomeSet(const net::HttpRequest& request);

  EvalApiContext context_;
  std::mutex mutex_;  // one evaluation at a time; guards the ledger
  core::eval::PrivacyBudgetLedger ledger_;
  std::optional<Error> ledger_error_;  // why the ledger could not be restored
};

}  // namespace tandem::node::runtime
