#include "node/eval/privacy_budget_journal.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>

namespace tandem::node::eval {
namespace {

using nlohmann::json;
namespace ce = core::eval;

// The spend of one journal entry; kCorruption naming the entry when it does not decode.
Result<BudgetSpend> ReadSpend(const store::JournalEntry& entry) {
  const auto damaged = [&](std::string_view why) {
    return Fail(Code::kCorruption, "privacy budget journal entry " + std::to_string(entry.id) +
                                       ": " + std::string(why));
  };
  const json body = json::parse(entry.body, nullptr, false);
  if (!body.is_object()) return damaged("not a JSON object");
  for (const char* member : {"agreement", "budget", "epsilon", "release"}) {
    if (!body.contains(member) || !body[member].is_string()) {
      return damaged(std::string("'") + member + "' is missing or not a string");
    }
  }
  BudgetSpend spend;
  spend.agreement_id = body["agreement"].get<std::string>();
  spend.release = body["release"].get<std::string>();
  auto budget = ce::ParseEpsilon(body["budget"].get<std::string>());
  if (!budget) return damaged("budget: " + budget.error().message);
  auto epsilon = ce::ParseEpsilon(body["epsilon"].get<std::string>());
  if (!epsilon) return damaged("epsilon: " + epsilon.error().message);
  if (spend.agreement_id.empty()) return damaged("the agreement id is empty");
  spend.budget = *budget;
  spend.epsilon = *epsilon;
  return spend;
}

}  // namespace

Status RecordBudgetSpend(store::Store& store, const BudgetSpend& spend,
                         std::string_view recorded_at) {
  if (spend.agreement_id.empty()) {
    return Fail(Code::kInvalidArgument, "a budget spend must name its agreement");
  }
  if (spend.epsilon.micros == 0 || spend.budget.micros == 0) {
    return Fail(Code::kInvalidArgument, "a budget spend must spend an epsilon above 0");
  }
  const json body = {{"agreement", spend.agreement_id},
                     {"budget", ce::FormatEpsilon(spend.budget)},
                     {"epsilon", ce::FormatEpsilon(spend.epsilon)},
                     {"release", spend.release}};
  auto id = store.AppendJournal(kBudgetSpendJournalKind, recorded_at, body.dump());
  if (!id) return tl::unexpected(id.error());
  return Ok();
}

Result<ce::PrivacyBudgetLedger> LoadBudgetLedger(store::Store& store) {
  std::map<std::string, ce::PrivacyBudgetLedger::Entry> totals;
  const std::array<std::string_view, 1> kinds = {kBudgetSpendJournalKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto spend = ReadSpend(entry);
    if (!spend) return tl::unexpected(spend.error());
    ce::PrivacyBudgetLedger::Entry& total = totals[spend->agreement_id];
    total.agreement_id = spend->agreement_id;
    total.budget = spend->budget;
    total.spent.micros += spend->epsilon.micros;
    if (total.spent > total.budget) {
      return Fail(Code::kCorruption, "privacy budget journal entry " + std::to_string(entry.id) +
                                         ": agreement " + spend->agreement_id +
                                         " has spent more than its budget");
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  std::vector<ce::PrivacyBudgetLedger::Entry> entries;
  entries.reserve(totals.size());
  for (auto& [id, entry] : totals) entries.push_back(std::move(entry));
  ce::PrivacyBudgetLedger ledger;
  if (auto restored = ledger.Restore(entries); !restored) {
    return Fail(Code::kCorruption, "privacy budget journal: " + restored.error().message);
  }
  return ledger;
}

}  // namespace tandem::node::eval
