// The ISA's JSON shape: the parsed tree to an Isa (member names, JSON types, forms of ids, keys,
// times and numbers) and an Isa back to a tree. Value ranges and cross-references are checked
// apart, in isa_checks.h, so that an Isa built in code gets the same checks as a parsed one.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "protocol/internal/json_tree.h"
#include "protocol/isa.h"

namespace tandem::protocol::internal {

// kInvalidArgument "isa field '<path>': <why>".
tl::unexpected<Error> IsaFieldError(std::string_view path, std::string_view why);

// The Isa of `root`: exactly the members docs/isa.md lists, each of its JSON type and form.
// kInvalidArgument naming the field otherwise. Does not run CheckIsa.
Result<Isa> DecodeIsa(const JsonNode& root);

// The tree of `isa`, members in the order docs/isa.md lists them, with or without the
// "signatures" member. kInvalidArgument for a time outside years 1970..9999.
Result<JsonNode> EncodeIsaTree(const Isa& isa, bool with_signatures);

// Lower-case hex of `bytes`.
std::string IsaHex(std::span<const std::uint8_t> bytes);

}  // namespace tandem::protocol::internal
