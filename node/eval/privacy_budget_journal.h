// The privacy-budget ledger kept in the node's encrypted store, so that a restart never gives
// budget back. Each noised release's spend is one entry of kind `privacy-budget-spend` in the
// store's append-only journal (the panel_journal table of schema step 4, which already holds
// the panel's commands, case packs and delivered interventions): append-only is what a ledger
// of spends needs, an entry is committed with synchronous=FULL before AppendJournal returns, and
// no schema step is added. The node records the spend before it returns the noised figures and
// refuses the release when it cannot; at start it rebuilds the ledger by adding up the entries.
//   entry body: {"agreement": "<ISA id>", "budget": "<epsilon>", "epsilon": "<epsilon>",
//                "release": "<evaluation id>"}
// Free functions on a Store the caller owns (not thread-safe; see store.h).
#pragma once

#include <string>
#include <string_view>

#include "core/eval/privacy_budget.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::eval {

inline constexpr char kBudgetSpendJournalKind[] = "privacy-budget-spend";

// One release's spend under an agreement.
struct BudgetSpend {
  std::string agreement_id;
  core::eval::Epsilon budget;   // the agreement's whole budget when the release was made
  core::eval::Epsilon epsilon;  // what the release spent (> 0)
  std::string release;          // the evaluation id, for the DPO reading the journal
};

// Appends the spend (recorded_at: ISO 8601 UTC) and returns once it is committed.
// kInvalidArgument for an empty agreement id or a zero epsilon; the store's errors
// (kUnavailable when it cannot be written): the caller must then not release anything.
Status RecordBudgetSpend(store::Store& store, const BudgetSpend& spend,
                         std::string_view recorded_at);

// The ledger from every spend in the store: per agreement, the budget of its latest spend and
// the sum of its spends (empty when nothing was ever spent). kCorruption "privacy budget journal
// entry <id>: ..." for an entry that does not decode or whose agreement has spent more than its
// budget; the store's errors.
Result<core::eval::PrivacyBudgetLedger> LoadBudgetLedger(store::Store& store);

}  // namespace tandem::node::eval
