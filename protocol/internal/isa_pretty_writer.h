// Indented JSON for ISA files that people read and edit: members in the order the tree holds
// them (the order docs/isa.md lists), two spaces per level, short arrays of scalars on one line.
// Strings and numbers are written exactly as RFC 8785 writes them, so the file parses back to
// the same values.
#pragma once

#include <string>

#include "core/result.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol::internal {

// Appends the indented form of `node` to `out`. kInvalidArgument only for a number that is not
// finite.
Status WriteIsaPretty(const JsonNode& node, std::string& out);

}  // namespace tandem::protocol::internal
