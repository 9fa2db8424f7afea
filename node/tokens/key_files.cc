#include "node/tokens/key_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>

#include "crypto/hex.h"
#include "crypto/oprf.h"
#include "node/tokens/internal/key_json.h"

namespace tandem::node::tokens {
namespace {

using internal::Bad;
using internal::DecodeHex32;
using internal::ElementField;
using internal::kSuite;
using internal::StringField;
using internal::UintField;
using internal::ValidNodeId;
using nlohmann::json;

constexpr std::string_view kPublicFormat = "tandem-oprf-public-key-v1";
constexpr std::string_view kShareFormat = "tandem-oprf-key-share-v1";

json PublicKeyObject(const PartnershipKey& key) {
  json holders = json::array();
  for (std::uint32_t i = 1; i <= key.key.holders(); ++i) {
    holders.push_back({{"index", i},
                       {"node", key.names[i - 1]},
                       {"public_share", crypto::EncodeHex(key.key.public_shares()[i - 1])}});
  }
  return json{{"format", kPublicFormat},
              {"suite", kSuite},
              {"threshold", key.key.threshold()},
              {"epoch", key.key.epoch()},
              {"dealing", key.dealing},
              {"group_public_key", crypto::EncodeHex(key.key.group_public_key())},
              {"holders", holders}};
}

Result<PartnershipKey> PublicKeyFromObject(const json& object, std::string_view where) {
  if (!object.is_object()) return tl::unexpected(Bad(where, "not a JSON object"));
  auto format = StringField(object, "format", where);
  if (!format) return tl::unexpected(format.error());
  if (*format != kPublicFormat) {
    return tl::unexpected(Bad(std::string(where) + ".format",
                              "'" + *format + "' is not " + std::string(kPublicFormat)));
  }
  if (auto suite = internal::CheckSuite(object, where); !suite) {
    return tl::unexpected(suite.error());
  }
  auto threshold = UintField(object, "threshold", where, crypto::kMaxKeyHolders);
  if (!threshold) return tl::unexpected(threshold.error());
  auto epoch = UintField(object, "epoch", where, 0xffffffffu);
  if (!epoch) return tl::unexpected(epoch.error());
  auto dealing = StringField(object, "dealing", where);
  if (!dealing) return tl::unexpected(dealing.error());
  if (!object.contains("holders") || !object["holders"].is_array() || object["holders"].empty() ||
      object["holders"].size() > crypto::kMaxKeyHolders) {
    return tl::unexpected(Bad(std::string(where) + ".holders", "missing or not a list of 1..255"));
  }
  std::vector<std::string> names;
  std::vector<crypto::OprfElement> shares;
  const auto& holders = object["holders"];
  for (std::size_t i = 0; i < holders.size(); ++i) {
    const std::string at = std::string(where) + ".holders[" + std::to_string(i) + "]";
    if (!holders[i].is_object()) return tl::unexpected(Bad(at, "not an object"));
    auto index = UintField(holders[i], "index", at, crypto::kMaxKeyHolders);
    if (!index) return tl::unexpected(index.error());
    if (*index != i + 1) {
      return tl::unexpected(Bad(at + ".index", "holders must be listed 1, 2, 3, ... in order"));
    }
    auto node = StringField(holders[i], "node", at);
    if (!node) return tl::unexpected(node.error());
    if (!ValidNodeId(*node)) {
      return tl::unexpected(Bad(at + ".node", "a node id is lower-case letters, digits and '-'"));
    }
    for (const auto& name : names) {
      if (name == *node)
        return tl::unexpected(Bad(at + ".node", "'" + *node + "' is listed twice"));
    }
    auto share = ElementField(holders[i], "public_share", at);
    if (!share) return tl::unexpected(share.error());
    names.push_back(*node);
    shares.push_back(*share);
  }
  auto key = crypto::ThresholdPublicKey::Create(*threshold, *epoch, std::move(shares));
  if (!key) return tl::unexpected(Bad(where, key.error().message));
  auto group = ElementField(object, "group_public_key", where);
  if (!group) return tl::unexpected(group.error());
  if (*group != key->group_public_key()) {
    return tl::unexpected(
        Bad(std::string(where) + ".group_public_key", "does not match the public shares"));
  }
  return PartnershipKey{std::move(*key), std::move(names), *dealing};
}

// A std::string whose bytes are wiped when it goes away (for the parser's copies of secrets).
void Wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
}

}  // namespace

std::uint32_t PartnershipKey::IndexOf(std::string_view node) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == node) return static_cast<std::uint32_t>(i + 1);
  }
  return 0;
}

std::string PublicKeyJson(const PartnershipKey& key) { return PublicKeyObject(key).dump(2) + "\n"; }

Result<PartnershipKey> ParsePublicKeyJson(std::string_view text) {
  auto object = internal::ParseJson(text, "public key");
  if (!object) return tl::unexpected(object.error());
  return PublicKeyFromObject(*object, "public key");
}

Status WriteShareFile(const std::filesystem::path& path, const PartnershipKey& key,
                      std::uint32_t index, const crypto::KeyShare& share) {
  if (index < 1 || index > key.names.size() || share.holder() != index) {
    return Fail(Code::kInvalidArgument,
                "the share does not belong to holder " + std::to_string(index));
  }
  auto secret = share.ExportSecret();
  if (!secret) return tl::unexpected(secret.error());
  // Everything but the share is public; the share's hex is written between the two halves
  // straight from secure memory.
  json head{{"format", kShareFormat},
            {"node", key.names[index - 1]},
            {"index", index},
            {"epoch", share.epoch()},
            {"public_key", PublicKeyObject(key)}};
  const std::string public_part = head.dump(2);
  // `public_part` ends with "\n}"; the share goes in as the last member.
  const std::string prefix = public_part.substr(0, public_part.size() - 2) + ",\n  \"share\": \"";
  const std::string suffix = "\"\n}\n";
  auto text = crypto::SecretBytes::Zeroed(prefix.size() + 64 + suffix.size());
  if (!text) return tl::unexpected(text.error());
  std::memcpy(text->data(), prefix.data(), prefix.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), secret->data(), secret->size());
  std::memcpy(text->data() + prefix.size(), hex.data(), 64);
  sodium_memzero(hex.data(), hex.size());
  std::memcpy(text->data() + prefix.size() + 64, suffix.data(), suffix.size());

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    return Fail(err == EEXIST ? Code::kInvalidArgument : Code::kUnavailable,
                "cannot create " + path.string() + ": " + std::generic_category().message(err));
  }
  std::size_t written = 0;
  while (written < text->size()) {
    const ssize_t n = ::write(fd, text->data() + written, text->size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      return Fail(Code::kUnavailable,
                  "cannot write " + path.string() + ": " + std::generic_category().message(err));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return Fail(Code::kUnavailable, "cannot write " + path.string());
  }
  return Ok();
}

Result<HolderShare> ReadShareFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return Fail(err == ENOENT ? Code::kNotFound : Code::kUnavailable,
                "cannot open the share file " + path.string() + ": " +
                    std::generic_category().message(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > (1 << 20)) {
    ::close(fd);
    return Fail(Code::kInvalidArgument, path.string() + " is not a share file (empty or too big)");
  }
  auto text = crypto::SecretBytes::Zeroed(static_cast<std::size_t>(st.st_size));
  if (!text) {
    ::close(fd);
    return tl::unexpected(text.error());
  }
  std::size_t got = 0;
  while (got < text->size()) {
    const ssize_t n = ::read(fd, text->data() + got, text->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got != text->size()) return Fail(Code::kUnavailable, "cannot read " + path.string());

  const std::string where = path.filename().string();
  auto parsed = internal::ParseJson(
      std::string_view(reinterpret_cast<const char*>(text->data()), text->size()), where);
  if (!parsed) return tl::unexpected(parsed.error());
  json object = std::move(*parsed);
  // Wipes the parser's copy of the share's hex however this returns.
  struct WipeShare {
    json& o;
    ~WipeShare() {
      if (o.is_object() && o.contains("share") && o["share"].is_string()) {
        Wipe(o["share"].get_ref<std::string&>());
      }
    }
  } wipe{object};
  if (!object.is_object()) return Fail(Code::kInvalidArgument, where + ": not a JSON object");
  auto format = StringField(object, "format", where);
  if (!format) return tl::unexpected(format.error());
  if (*format != kShareFormat) {
    return Fail(Code::kInvalidArgument, where + ".format: '" + *format + "' is not " +
                                            std::string(kShareFormat) + " (is this a share file?)");
  }
  auto node = StringField(object, "node", where);
  if (!node) return tl::unexpected(node.error());
  auto index = UintField(object, "index", where, crypto::kMaxKeyHolders);
  if (!index) return tl::unexpected(index.error());
  auto epoch = UintField(object, "epoch", where, 0xffffffffu);
  if (!epoch) return tl::unexpected(epoch.error());
  if (!object.contains("public_key")) {
    return Fail(Code::kInvalidArgument, where + ".public_key: missing");
  }
  auto partnership = PublicKeyFromObject(object["public_key"], where + ".public_key");
  if (!partnership) return tl::unexpected(partnership.error());
  if (partnership->IndexOf(*node) != *index) {
    return Fail(Code::kInvalidArgument, where + ": node '" + *node + "' is not holder " +
                                            std::to_string(*index) + " of the public key");
  }
  if (*epoch != partnership->key.epoch()) {
    return Fail(Code::kInvalidArgument, where + ".epoch: the share is of epoch " +
                                            std::to_string(*epoch) + ", the public key of " +
                                            std::to_string(partnership->key.epoch()));
  }
  if (!object.contains("share") || !object["share"].is_string()) {
    return Fail(Code::kInvalidArgument, where + ".share: missing or not a string");
  }
  auto secret = crypto::SecretBytes::Zeroed(32);
  if (!secret) return tl::unexpected(secret.error());
  if (!DecodeHex32(object["share"].get_ref<const std::string&>(), secret->data())) {
    return Fail(Code::kInvalidArgument, where + ".share: not 64 hex digits");
  }
  auto share = crypto::KeyShare::FromSecret(*index, *epoch, *secret);
  if (!share) return Fail(Code::kInvalidArgument, where + ".share: " + share.error().message);
  if (share->public_share() != partnership->key.public_shares()[*index - 1]) {
    return Fail(Code::kInvalidArgument,
                where + ": the share does not match the public share of holder " +
                    std::to_string(*index) + " (" + *node +
                    ") in its public key; it is not a share of this key");
  }
  return HolderShare{*node, std::move(*share), std::move(*partnership)};
}

}  // namespace tandem::node::tokens
