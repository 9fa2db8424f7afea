#include "node/exchange/api_tokens.h"

#include <sodium.h>

#include <array>
#include <fstream>
#include <iterator>

#include "crypto/digest.h"
#include "crypto/secret_bytes.h"
#include "node/exchange/api_tokens_file.h"
#include "node/store/atomic_file.h"

namespace tandem::node::exchange {
namespace {

struct RoleRow {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleRow, 5> kRoles = {{
    {Role::kCoordinator, "coordinator"},
    {Role::kContributor, "contributor"},
    {Role::kDpo, "dpo"},
    {Role::kEvaluator, "evaluator"},
    {Role::kAdmin, "admin"},
}};

// A prefix lets secret scanners and people recognise a leaked token for what it is.
constexpr std::string_view kTokenPrefix = "tandem_";
constexpr std::string_view kBearer = "Bearer ";
constexpr std::size_t kTokenRandomBytes = 32;

std::string ToHex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<ApiTokenEntry>> ReadEntries(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::vector<ApiTokenEntry>{};
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read " + file.string());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return DecodeApiTokensFile(text, file.string());
}

Status WriteEntries(const std::filesystem::path& file, const std::vector<ApiTokenEntry>& entries) {
  auto writer = store::AtomicFileWriter::Create(file, 0600);
  if (!writer) return tl::unexpected(writer.error());
  if (auto written = (*writer)->Write(EncodeApiTokensFile(entries)); !written) return written;
  return (*writer)->Commit();
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const RoleRow& row : kRoles) {
    if (row.role == role) return row.name;
  }
  return "unknown";
}

Result<Role> ParseRole(std::string_view name) {
  for (const RoleRow& row : kRoles) {
    if (row.name == name) return row.role;
  }
  return Fail(Code::kInvalidArgument,
              "'" + std::string(name) +
                  "' is not a role; roles are coordinator, contributor, dpo, evaluator, admin");
}

Result<ApiTokens> ApiTokens::Load(const std::filesystem::path& data_dir) {
  auto entries = ReadEntries(data_dir / kApiTokensFileName);
  if (!entries) return tl::unexpected(entries.error());
  ApiTokens tokens;
  for (const ApiTokenEntry& entry : *entries) {
    std::string hash(crypto_hash_sha256_BYTES, '\0');
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                       entry.sha256_hex.data(), entry.sha256_hex.size(), nullptr, nullptr,
                       nullptr) != 0) {
      return Fail(Code::kCorruption,
                  (data_dir / kApiTokensFileName).string() + " is damaged: a sha256 is not hex");
    }
    tokens.users_.push_back({entry.name, entry.role});
    tokens.hashes_.push_back(std::move(hash));
  }
  return tokens;
}

Result<std::string> ApiTokens::Issue(const std::filesystem::path& data_dir, std::string_view name,
                                     Role role) {
  if (!ValidName(name)) {
    return Fail(Code::kInvalidArgument, "a user name is 1 to 64 characters from A-Z a-z 0-9 . _ -");
  }
  const auto file = data_dir / kApiTokensFileName;
  auto entries = ReadEntries(file);
  if (!entries) return tl::unexpected(entries.error());
  for (const ApiTokenEntry& entry : *entries) {
    if (entry.name == name) {
      return Fail(Code::kInvalidArgument,
                  "user '" + std::string(name) + "' already has a token; revoke it first");
    }
  }
  auto random = crypto::SecretBytes::Random(kTokenRandomBytes);
  if (!random) return tl::unexpected(random.error());
  const std::string token = std::string(kTokenPrefix) +
                            ToHex({reinterpret_cast<const char*>(random->data()), random->size()});
  entries->push_back({std::string(name), role, crypto::Sha256Hex(token)});
  if (auto written = WriteEntries(file, *entries); !written) return tl::unexpected(written.error());
  return token;
}

Status ApiTokens::Revoke(const std::filesystem::path& data_dir, std::string_view name) {
  const auto file = data_dir / kApiTokensFileName;
  auto entries = ReadEntries(file);
  if (!entries) return tl::unexpected(entries.error());
  const auto removed =
      std::erase_if(*entries, [&](const ApiTokenEntry& e) { return e.name == name; });
  if (removed == 0) return Fail(Code::kNotFound, "no user '" + std::string(name) + "'");
  return WriteEntries(file, *entries);
}

Result<ApiUser> ApiTokens::Authenticate(std::string_view authorization_header) const {
  const auto refused = [] {
    return Fail(Code::kUnauthenticated, "a valid 'Authorization: Bearer' API token is required");
  };
  if (!authorization_header.starts_with(kBearer)) return refused();
  const crypto::Sha256Digest digest = crypto::Sha256(authorization_header.substr(kBearer.size()));
  // Every stored hash is compared, so the time does not say how many users come before a match.
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < hashes_.size(); ++i) {
    if (sodium_memcmp(digest.data(), hashes_[i].data(), digest.size()) == 0) found = i;
  }
  if (!found) return refused();
  return users_[*found];
}

}  // namespace tandem::node::exchange
