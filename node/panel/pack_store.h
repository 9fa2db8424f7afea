// Case pack versions in the node's panel journal (kind "case-pack"): each assembly appends one
// version, the JSON of render_json.h, so the panel's papers can be printed again exactly as they
// were (until the ISA's retention erases the partners' values, pack_retention.h) and an
// incomplete pack's later, complete version sits beside it. The latest version of a
// pack is the one the panel reads. Free functions; a Store is not thread-safe, so callers
// serialise (endpoints::SharedStore).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/panel/case_pack.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::panel {

inline constexpr std::string_view kCasePackJournalKind = "case-pack";

// What an erasure of partners' values in case packs changed (pack_retention.h,
// pack_subject_erasure.h).
struct ErasedPacks {
  std::int64_t versions = 0;  // case-pack versions whose values were erased
  std::int64_t values = 0;    // contributed values among them
};

// Reads a pack back from its JSON (render_json.h's shape). kCorruption naming the member when
// the text is not that shape (the journal is the only writer, so this means damage).
Result<core::panel::CasePack> ParseCasePackJson(std::string_view json);

// Appends `pack` as a new version; returns the journal entry id. The store's write errors.
Result<std::int64_t> JournalCasePack(store::Store& store, const core::panel::CasePack& pack,
                                     std::string_view recorded_at);

// The latest version of each pack of `meeting_id`, in the order the packs were first
// assembled. Empty when the meeting has none. kCorruption for a damaged entry.
Result<std::vector<core::panel::CasePack>> LatestPacks(store::Store& store,
                                                       std::string_view meeting_id);

// Every version of pack `pack_id`, oldest first (what the panel saw at each assembly).
Result<std::vector<core::panel::CasePack>> PackVersions(store::Store& store,
                                                        std::string_view pack_id);

// Whether the packs about `subject_ref` are withheld from the panel: while the subject's police
// nominal is restricted (docs/store.md, "Restriction of processing") the panel does not read
// what the partnership said about the person. The store's errors.
Result<bool> SubjectRestricted(store::Store& store, std::string_view subject_ref);

}  // namespace tandem::node::panel
