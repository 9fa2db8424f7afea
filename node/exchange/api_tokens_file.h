// The text of `api-tokens.json` (node/exchange/api_tokens.h), which ApiTokens::Issue writes and
// ApiTokens::Load reads:
//   {"users": [{"name": "...", "role": "coordinator", "sha256": "<64 hex digits>"}, ...]}
// Pure; thread-safe; never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/exchange/api_tokens.h"

namespace tandem::node::exchange {

struct ApiTokenEntry {
  std::string name;
  Role role = Role::kCoordinator;
  std::string sha256_hex;  // 64 characters; whether they are hex digits is Load's to check
};

// The entries, in file order. kCorruption "<file> is damaged: ..." naming the entry
// ("users[2] needs string members name, role and sha256") when the text is not an object with a
// "users" array of such entries, a role is not one of RoleName's, or a sha256 is not 64
// characters long. `file` only names the file in messages.
Result<std::vector<ApiTokenEntry>> DecodeApiTokensFile(std::string_view text,
                                                       std::string_view file);

// The file's text for `entries` (indented, with a final newline). Decoding it gives them back.
std::string EncodeApiTokensFile(const std::vector<ApiTokenEntry>& entries);

}  // namespace tandem::node::exchange
