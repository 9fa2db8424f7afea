// A case pack as JSON, for the coordinator's tools and the node's API. The shape is fixed and
// documented in docs/panel.md; victims and children appear as counts only. Pure; thread-safe.
#pragma once

#include <string>

#include "core/panel/case_pack.h"

namespace tandem::node::panel {

// The pack as one JSON object (two-space indent). Text that is not valid UTF-8 is written with
// U+FFFD in place of the bad bytes; this never throws.
std::string RenderCasePackJson(const core::panel::CasePack& pack);

}  // namespace tandem::node::panel
