#include "node/panel/pack_subject_erasure.h"

#include <array>
#include <string>
#include <vector>

#include "node/panel/panel_journal.h"
#include "node/panel/render_json.h"

namespace tandem::node::panel {

Result<ErasedPacks> EraseSubjectPackValues(store::Store& store, std::string_view subject_ref,
                                           const core::panel::ContributionErasure& erasure) {
  ErasedPacks erased;
  std::vector<store::JournalEntry> replaced;
  const std::array<std::string_view, 1> kinds = {kCasePackJournalKind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto pack = ParseCasePackJson(entry.body);
    if (!pack) return DamagedEntry(entry, pack.error().message);
    if (pack->subject_ref != subject_ref || pack->erasure) return Ok();
    erased.values += core::panel::EraseContributedValues(*pack, erasure);
    ++erased.versions;
    replaced.push_back({entry.id, entry.kind, entry.recorded_at, RenderCasePackJson(*pack)});
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  if (replaced.empty()) return erased;
  if (auto rewritten = store.RewriteJournalBodies(replaced); !rewritten) {
    return tl::unexpected(rewritten.error());
  }
  return erased;
}

}  // namespace tandem::node::panel
