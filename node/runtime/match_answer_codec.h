// A partner's answer to a match-query, as the asking node reads it:
//   {"band": "auto" | "review" | "non-match", "agreed": ["<key type>", ...], "handle": "<handle>"}
// Only "band" is required; an "agreed" that is not an array, or a member of it that is not a
// string, is skipped, and a "handle" that is not a string is left out. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::node::runtime {

struct MatchAnswer {
  std::string band;
  std::vector<std::string> agreed;  // the key types that agreed, in the partner's order
  std::string handle;               // empty when the partner gave none
};

// The answer. kUnauthenticated (the peer signed nonsense) when it is not a JSON object with a
// string "band".
Result<MatchAnswer> DecodeMatchAnswer(std::string_view result_json);

// The answer's JSON (its strings valid UTF-8, as every decoded answer's are).
std::string EncodeMatchAnswer(const MatchAnswer& answer);

}  // namespace tandem::node::runtime
