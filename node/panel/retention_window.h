// When received data has outlived the ISA's retention for its purpose: the cut-off time and the
// `erasure` record that the erased data then carries (docs/isa.md). Shared by the retention of
// case packs (pack_retention.h) and of what partners sent into the panel book
// (book_retention.h). Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/panel/case_pack.h"
#include "protocol/isa.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

struct RetentionWindow {
  protocol::Seconds cutoff;                  // data received before this may no longer be kept
  core::panel::ContributionErasure erasure;  // dated `now`'s day, naming purpose and retention
};

// nullopt when `isa` has no purpose `purpose` or its retention reaches back before 1970 (then
// nothing has expired).
std::optional<RetentionWindow> ExpiryOf(const protocol::Isa& isa, std::string_view purpose,
                                        protocol::Seconds now);

}  // namespace tandem::node::panel
