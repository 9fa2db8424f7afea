// Retention of what partners sent that became commands of the panel book (docs/panel.md,
// "Retention of what partners sent"): a partner's referral through its own node (its reason and
// referrer, received for hhpp-referral-match) and the interventions outcome sync received
// (hhpp-outcomes). The panel service marks such a command, when it journals it, with the purpose
// it was received for (`"received_for"` in its args). Once that purpose's `retention_days` have
// passed since the command was journalled, the command is rewritten so that the book still
// replays: a referral keeps its case, pathway, source (the partner agency) and date, and its
// reason and referrer become "(erased)", as they do in every case-pack version that quotes it;
// an intervention keeps only its case and delivering agency and adds nothing to the book any
// more (the next outcome sync receives it again if the partner still reports it, and it is kept
// as long again). The rewritten command gains `"erasure": {"erased_on", "purpose",
// "retention_days"}`. The entries of one purpose are rewritten in one transaction with one audit
// entry of kind "retention", the old bodies' space zeroed. The caller rebuilds the book from the
// rewritten journal (PanelService::EraseExpired). Free function over a Store (not thread-safe:
// callers serialise).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "node/store/store.h"
#include "protocol/isa.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

// What an erased referral's reason and referrer read.
inline constexpr char kErasedValue[] = "(erased)";

struct ErasedCommands {
  std::int64_t referrals = 0;      // partner referrals whose reason and referrer were erased
  std::int64_t interventions = 0;  // interventions received from partners, erased
  std::int64_t values = 0;         // the values erased, the packs' quotes included
  std::int64_t pack_versions = 0;  // case-pack versions whose quote of such a referral went
};

// Erases what `isa`'s retentions no longer allow `self` to keep of the marked panel commands at
// `now`. A purpose the ISA no longer has erases nothing; a command erased before is not counted
// again. kCorruption naming the journal entry for a marked command whose time or body does not
// read, or a command of another kind marked as received (nothing is erased then); the store's
// errors.
Result<ErasedCommands> EraseExpiredBookValues(store::Store& store, const protocol::Isa& isa,
                                              std::string_view self, protocol::Seconds now);

}  // namespace tandem::node::panel
