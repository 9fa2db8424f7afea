#include "node/store/key_params.h"

#include <sodium.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "node/store/atomic_file.h"

namespace tandem::node::store {
namespace {

constexpr int kFormat = 1;
constexpr std::size_t kMaxFileSize = 4096;

std::string ToHex(std::span<const std::uint8_t> bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

Error Damaged(const std::filesystem::path& path, const std::string& why) {
  return Error{Code::kCorruption, "the key parameters file " + path.string() + " is damaged (" +
                                      why + "); restore it from a backup"};
}

}  // namespace

Result<KeyParams> ReadKeyParams(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Fail(Code::kNotFound, "the key parameters file " + path.string() + " is missing");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read " + path.string());
  std::string text(kMaxFileSize + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxFileSize) return tl::unexpected(Damaged(path, "too large"));

  KeyParams params;
  try {
    const auto json = nlohmann::json::parse(text);
    if (json.at("tandem_store_key").get<int>() != kFormat) {
      return tl::unexpected(Damaged(path, "unknown format"));
    }
    const auto source = json.at("source").get<std::string>();
    if (source == "key-file") {
      params.source = KeySource::kKeyFile;
      return params;
    }
    if (source != "passphrase") return tl::unexpected(Damaged(path, "unknown key source"));
    params.source = KeySource::kPassphrase;
    if (json.at("kdf").get<std::string>() != "argon2id13") {
      return tl::unexpected(Damaged(path, "unknown key derivation"));
    }
    const auto salt_hex = json.at("salt").get<std::string>();
    std::size_t decoded = 0;
    if (sodium_hex2bin(params.salt.data(), params.salt.size(), salt_hex.data(), salt_hex.size(),
                       nullptr, &decoded, nullptr) != 0 ||
        decoded != params.salt.size() || salt_hex.size() != 2 * params.salt.size()) {
      return tl::unexpected(Damaged(path, "bad salt"));
    }
    params.argon2id.opslimit = json.at("opslimit").get<std::uint64_t>();
    params.argon2id.memlimit = json.at("memlimit").get<std::uint64_t>();
  } catch (const nlohmann::json::exception&) {
    return tl::unexpected(Damaged(path, "not the expected JSON"));
  }
  if (auto valid = crypto::ValidateArgon2idParams(params.argon2id); !valid) {
    return tl::unexpected(Damaged(path, valid.error().message));
  }
  return params;
}

Status WriteKeyParams(const std::filesystem::path& path, const KeyParams& params) {
  nlohmann::ordered_json json;
  json["tandem_store_key"] = kFormat;
  if (params.source == KeySource::kKeyFile) {
    json["source"] = "key-file";
  } else {
    json["source"] = "passphrase";
    json["kdf"] = "argon2id13";
    json["salt"] = ToHex(params.salt);
    json["opslimit"] = params.argon2id.opslimit;
    json["memlimit"] = params.argon2id.memlimit;
  }
  return WriteFileAtomically(path, json.dump(2) + "\n", 0600);
}

}  // namespace tandem::node::store
