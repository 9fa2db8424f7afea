// Erasing the values partners contributed to this node's case packs about one subject, when the
// controller erases the subject's police nominal on request although a panel case names it
// (node/importer/record_erasure.h, `--even-if-on-the-panel`): what partners said about a person
// whose record is erased goes with the record. Every version of every pack whose subject is the
// nominal has its contributed values emptied and an `erasure` member naming the request added
// (core::panel::EraseContributedValues): field names, provenance, statuses and the
// coordinator's own parts (referral, triage, harm history, counts) stay with the case. Free
// function over a Store (not thread-safe: callers serialise).
#pragma once

#include <string_view>

#include "core/panel/case_pack.h"
#include "core/result.h"
#include "node/panel/pack_store.h"
#include "node/store/store.h"

namespace tandem::node::panel {

// Erases, inside the caller's open Transaction (which queues the audit entry recording it), the
// contributed values of every case-pack version whose subject is `subject_ref`, recording
// `erasure` in each. A version erased before (by retention or an earlier request) is left as it
// is and not counted. kCorruption naming the journal entry for a pack that does not read
// (nothing is erased then); the store's errors.
Result<ErasedPacks> EraseSubjectPackValues(store::Store& store, std::string_view subject_ref,
                                           const core::panel::ContributionErasure& erasure);

}  // namespace tandem::node::panel
