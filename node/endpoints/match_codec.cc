#include "node/endpoints/match_codec.h"

#include <nlohmann/json.hpp>

#include "crypto/hex.h"
#include "node/endpoints/json_body.h"

namespace tandem::node::endpoints {

using nlohmann::json;

Result<std::vector<QueryToken>> DecodeMatchQuery(std::string_view text) {
  constexpr std::string_view kKind = "match-query";
  auto body = ParseBody(text, kKind);
  if (!body) return tl::unexpected(body.error());
  const auto it = body->find("tokens");
  if (it == body->end() || !it->is_array() || it->empty() || it->size() > kMaxQueryTokens) {
    return Fail(Code::kInvalidArgument, "match-query member 'tokens' must be an array of 1 to " +
                                            std::to_string(kMaxQueryTokens) + " tokens");
  }
  std::vector<QueryToken> tokens;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string where = "match-query member 'tokens[" + std::to_string(i) + "]'";
    const json& item = (*it)[i];
    if (!item.is_object() || item.size() != 2 || !item.contains("key") ||
        !item["key"].is_string() || !item.contains("token") || !item["token"].is_string()) {
      return Fail(Code::kInvalidArgument, where + R"( must be {"key": string, "token": hex})");
    }
    auto token = crypto::DecodeHexArray<64>(item["token"].get<std::string>(), where);
    if (!token) return tl::unexpected(token.error());
    tokens.push_back({item["key"].get<std::string>(), *token});
  }
  return tokens;
}

}  // namespace tandem::node::endpoints
