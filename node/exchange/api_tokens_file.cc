#include "node/exchange/api_tokens_file.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

namespace tandem::node::exchange {

using nlohmann::json;

Result<std::vector<ApiTokenEntry>> DecodeApiTokensFile(std::string_view text,
                                                       std::string_view file) {
  const auto doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const std::string bad = std::string(file) + " is damaged: ";
  const auto users = doc.is_object() ? doc.find("users") : doc.end();
  if (!doc.is_object() || users == doc.end() || !users->is_array()) {
    return Fail(Code::kCorruption, bad + "expected an object with a 'users' array");
  }
  const auto string_member = [](const json& object, const char* name) {
    const auto found = object.find(name);
    return found != object.end() && found->is_string();
  };
  std::vector<ApiTokenEntry> entries;
  for (std::size_t i = 0; i < users->size(); ++i) {
    const json& user = (*users)[i];
    const std::string where = bad + "users[" + std::to_string(i) + "]";
    if (!user.is_object() || !string_member(user, "name") || !string_member(user, "role") ||
        !string_member(user, "sha256")) {
      return Fail(Code::kCorruption, where + " needs string members name, role and sha256");
    }
    auto role = ParseRole(user["role"].get<std::string>());
    if (!role) return Fail(Code::kCorruption, where + ": " + role.error().message);
    std::string hash = user["sha256"].get<std::string>();
    if (hash.size() != std::size_t{2} * crypto_hash_sha256_BYTES) {
      return Fail(Code::kCorruption, where + ": sha256 must be 64 hex digits");
    }
    entries.push_back({user["name"].get<std::string>(), *role, std::move(hash)});
  }
  return entries;
}

std::string EncodeApiTokensFile(const std::vector<ApiTokenEntry>& entries) {
  json users = json::array();
  for (const ApiTokenEntry& entry : entries) {
    users.push_back(
        {{"name", entry.name}, {"role", RoleName(entry.role)}, {"sha256", entry.sha256_hex}});
  }
  return json{{"users", users}}.dump(2) + "\n";
}

}  // namespace tandem::node::exchange
