// Role-bound API tokens for the people of one agency who use its node (architecture.md, "Users
// of one node"). A token is a random secret shown once when it is issued; the node keeps only
// its SHA-256 with the user's name and role, in `api-tokens.json` in the data directory (mode
// 0600, replaced atomically). A request carries it as `Authorization: Bearer <token>`.
//
// Thread-safety: an ApiTokens is immutable after Load and safe to share; Issue and Revoke
// rewrite the file and are for the command line, one writer at a time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::node::exchange {

enum class Role { kCoordinator, kContributor, kDpo, kEvaluator, kAdmin };

// "coordinator", "contributor", "dpo", "evaluator", "admin".
std::string_view RoleName(Role role);
// kInvalidArgument naming the allowed roles for anything else.
Result<Role> ParseRole(std::string_view name);

inline constexpr char kApiTokensFileName[] = "api-tokens.json";

struct ApiUser {
  std::string name;
  Role role;
};

class ApiTokens {
 public:
  // The users of the node in `data_dir`; no file means no users. kCorruption naming the file
  // when it is not what Issue writes; kUnavailable when it cannot be read.
  static Result<ApiTokens> Load(const std::filesystem::path& data_dir);

  // Adds a user and returns the new token, which is not kept anywhere. kInvalidArgument for an
  // empty name, one over 64 characters or outside [A-Za-z0-9._-], or a name already issued.
  static Result<std::string> Issue(const std::filesystem::path& data_dir, std::string_view name,
                                   Role role);

  // Removes the user's token. kNotFound when there is no such user.
  static Status Revoke(const std::filesystem::path& data_dir, std::string_view name);

  // The user a bearer token belongs to; kUnauthenticated (saying nothing about which part was
  // wrong) for a missing, malformed or unknown token. Compares in constant time.
  Result<ApiUser> Authenticate(std::string_view authorization_header) const;

  const std::vector<ApiUser>& users() const { return users_; }

 private:
  std::vector<ApiUser> users_;
  std::vector<std::string> hashes_;  // SHA-256 of each user's token, raw bytes; same order
};

}  // namespace tandem::node::exchange
