// A case pack as a printable, self-contained HTML document (inline style, no script, no
// external resource), for the panel's papers. Every text from the pack is escaped, so a
// hostile value ("<script>", quotes) prints as text. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/panel/case_pack.h"

namespace tandem::node::panel {

// `text` with &, <, >, " and ' replaced by character references; safe in element content and
// in quoted attribute values.
std::string EscapeHtml(std::string_view text);

// The whole document. The pack should have been through core::panel::FinalisePack (the
// missing list and completeness are printed as they are).
std::string RenderCasePackHtml(const core::panel::CasePack& pack);

}  // namespace tandem::node::panel
