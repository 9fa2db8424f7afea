#include "node/panel/pack_retention.h"

#include <array>
#include <string>
#include <vector>

#include "core/counted.h"
#include "core/panel/case_pack.h"
#include "node/audit/local_entry.h"
#include "node/panel/case_pack_assembler.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/render_json.h"
#include "node/panel/retention_window.h"

namespace tandem::node::panel {
namespace {

std::string Processing(const ErasedPacks& erased, std::int64_t retention_days) {
  return "erasure of the values partners contributed to " +
         core::Counted(erased.versions, "case pack version") + " (" +
         core::Counted(erased.values, "value") + "): assembled more than " +
         std::to_string(retention_days) + " days ago";
}

}  // namespace

Result<ErasedPacks> EraseExpiredPackValues(store::Store& store, const protocol::Isa& isa,
                                           std::string_view self, protocol::Seconds now) {
  const auto window = ExpiryOf(isa, kCasePackPurpose, now);
  if (!window) return ErasedPacks{};

  ErasedPacks erased;
  std::vector<store::JournalEntry> replaced;
  const std::array<std::string_view, 1> kinds = {kCasePackJournalKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto at = protocol::ParseTimestamp(entry.recorded_at);
    if (!at) return DamagedEntry(entry, "its time is not a timestamp");
    if (*at > window->cutoff) return Ok();
    auto pack = ParseCasePackJson(entry.body);
    if (!pack) return DamagedEntry(entry, pack.error().message);
    if (pack->erasure) return Ok();
    erased.values += core::panel::EraseContributedValues(*pack, window->erasure);
    ++erased.versions;
    replaced.push_back({entry.id, entry.kind, entry.recorded_at, RenderCasePackJson(*pack)});
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (replaced.empty()) return erased;

  const std::string processing = Processing(erased, window->erasure.retention_days);
  auto entry = audit::EncodeLocalChange({.kind = audit::kRetentionKind,
                                         .processing = processing,
                                         .sha256_hex = "",
                                         .at = now,
                                         .actor = self,
                                         .purpose = window->erasure.purpose,
                                         .isa_id = isa.id.value(),
                                         .isa_version = isa.version});
  if (!entry) return tl::unexpected(entry.error());
  if (auto stored = store.ReplaceJournalBodies(replaced, *entry); !stored) {
    return tl::unexpected(stored.error());
  }
  return erased;
}

}  // namespace tandem::node::panel
