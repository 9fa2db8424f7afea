#include "node/panel/book_retention.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/counted.h"
#include "node/audit/local_entry.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/render_json.h"
#include "node/panel/retention_window.h"

namespace tandem::node::panel {
namespace {

// The members of a received intervention that stay after its erasure.
constexpr std::array<std::string_view, 3> kInterventionKept = {"case_id", "delivered_by",
                                                               "received_for"};

std::string Processing(const ErasedCommands& erased, std::int64_t retention_days) {
  std::string what;
  if (erased.referrals > 0) {
    what = "the reason and referrer of " + core::Counted(erased.referrals, "partner referral");
  }
  if (erased.pack_versions > 0) {
    what +=
        ", also where " + core::Counted(erased.pack_versions, "case pack version") + " quoted them";
  }
  if (erased.interventions > 0) {
    what += (what.empty() ? "" : " and ") + core::Counted(erased.interventions, "intervention") +
            " partners reported";
  }
  return "erasure of " + what + " (" + core::Counted(erased.values, "value") +
         "): received more than " + std::to_string(retention_days) + " days ago";
}

// Erases the received values of `args` (a "refer" or "record-intervention" command's); the
// number of members erased, or nullopt for another command.
std::optional<std::int64_t> Erase(std::string_view command, Json& args) {
  if (command == "refer") {
    args["reason"] = kErasedValue;
    args["referrer"] = kErasedValue;
    return 2;
  }
  if (command == "record-intervention") {
    Json kept = Json::object();
    for (std::string_view name : kInterventionKept) {
      if (auto it = args.find(name); it != args.end()) kept[std::string(name)] = *it;
    }
    const auto erased = static_cast<std::int64_t>(args.size() - kept.size());
    args = std::move(kept);
    return erased;
  }
  return std::nullopt;
}

// A referral as a command gives it and a case pack quotes it.
using QuotedReferral = std::tuple<std::string, std::string, std::string, std::string, std::string>;

QuotedReferral Quoted(const Json& args) {
  const auto text = [&](const char* name) { return args.value(name, std::string()); };
  return {text("pathway"), text("source"), text("reason"), text("referrer"), text("referred_on")};
}

QuotedReferral Quoted(const core::panel::PackReferral& referral) {
  return {referral.pathway, referral.source, referral.reason, referral.referrer,
          referral.referred_on.ToIso()};
}

// The rewritten journal entries of one purpose.
struct PurposeErasure {
  RetentionWindow window;
  ErasedCommands erased;
  std::vector<store::JournalEntry> replaced;
  std::set<QuotedReferral> referrals;  // as they read before the erasure
};

// Erases, in the case packs that quote one of `erasure`'s referrals, the referral's reason and
// referrer too (the pack's copy is the same data).
Status EraseQuotes(store::Store& store, PurposeErasure& erasure) {
  const std::array<std::string_view, 1> kinds = {kCasePackJournalKind};
  return store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto pack = ParseCasePackJson(entry.body);
    if (!pack) return DamagedEntry(entry, pack.error().message);
    if (!erasure.referrals.contains(Quoted(pack->referral))) return Ok();
    pack->referral.reason = kErasedValue;
    pack->referral.referrer = kErasedValue;
    ++erasure.erased.pack_versions;
    erasure.erased.values += 2;
    erasure.replaced.push_back(
        {entry.id, entry.kind, entry.recorded_at, RenderCasePackJson(*pack)});
    return Ok();
  });
}

}  // namespace

Result<ErasedCommands> EraseExpiredBookValues(store::Store& store, const protocol::Isa& isa,
                                              std::string_view self, protocol::Seconds now) {
  std::map<std::string, std::optional<PurposeErasure>> purposes;
  const std::array<std::string_view, 1> kinds = {kPanelCommandKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto command = DecodeCommand(entry.body);
    if (!command) return DamagedEntry(entry, command.error().message);
    const auto marked = command->args.find("received_for");
    if (marked == command->args.end()) return Ok();
    if (!marked->is_string()) return DamagedEntry(entry, "received_for: must be a purpose id");
    if (command->args.contains("erasure")) return Ok();
    const std::string purpose = marked->get<std::string>();
    auto [slot, added] = purposes.try_emplace(purpose);
    if (added) {
      if (auto window = ExpiryOf(isa, purpose, now))
        slot->second = PurposeErasure{.window = *window};
    }
    if (!slot->second) return Ok();
    auto at = protocol::ParseTimestamp(entry.recorded_at);
    if (!at) return DamagedEntry(entry, "its time is not a timestamp");
    if (*at > slot->second->window.cutoff) return Ok();
    if (command->name == "refer") slot->second->referrals.insert(Quoted(command->args));
    auto values = Erase(command->name, command->args);
    if (!values) return DamagedEntry(entry, "a " + command->name + " command cannot be received");
    ErasedCommands& counts = slot->second->erased;
    ++(command->name == "refer" ? counts.referrals : counts.interventions);
    counts.values += *values;
    command->args["erasure"] = ErasureToJson(slot->second->window.erasure);
    slot->second->replaced.push_back(
        {entry.id, entry.kind, entry.recorded_at, EncodeCommand(*command)});
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());

  ErasedCommands total;
  for (auto& [purpose, erasure] : purposes) {
    if (!erasure || erasure->replaced.empty()) continue;
    if (!erasure->referrals.empty()) {
      if (auto quotes = EraseQuotes(store, *erasure); !quotes)
        return tl::unexpected(quotes.error());
    }
    const std::string processing =
        Processing(erasure->erased, erasure->window.erasure.retention_days);
    auto entry = audit::EncodeLocalChange({.kind = audit::kRetentionKind,
                                           .processing = processing,
                                           .sha256_hex = "",
                                           .at = now,
                                           .actor = self,
                                           .purpose = purpose,
                                           .isa_id = isa.id.value(),
                                           .isa_version = isa.version});
    if (!entry) return tl::unexpected(entry.error());
    if (auto stored = store.ReplaceJournalBodies(erasure->replaced, *entry); !stored) {
      return tl::unexpected(stored.error());
    }
    total.referrals += erasure->erased.referrals;
    total.interventions += erasure->erased.interventions;
    total.values += erasure->erased.values;
    total.pack_versions += erasure->erased.pack_versions;
  }
  return total;
}

}  // namespace tandem::node::panel
