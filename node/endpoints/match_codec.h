// The match-query request body: {"tokens": [{"key": "<key type>", "token": "<128 hex>"}, ...]},
// 1 to kMaxQueryTokens tokens. Strict: errors (kInvalidArgument) name the member, never a value.
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::endpoints {

inline constexpr std::size_t kMaxQueryTokens = 64;

struct QueryToken {
  std::string key;  // match-key type name
  store::TokenBytes token{};
};

Result<std::vector<QueryToken>> DecodeMatchQuery(std::string_view json);

}  // namespace tandem::node::endpoints
