#include "node/audit/internal/json.h"

#include <algorithm>
#include <array>

#include "crypto/hex.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool ParseHex(std::string_view hex, std::span<std::uint8_t> out) {
  if (hex.size() != 2 * out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = HexValue(hex[2 * i]);
    const int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return true;
}

bool IsLowerHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return HexValue(c) >= 0; });
}

void AppendMember(std::string& out, std::string_view name) {
  protocol::AppendCanonicalJsonString(out, name);
  out.push_back(':');
}

tl::unexpected<Error> MemberError(std::string_view what, std::string_view name,
                                  std::string_view why) {
  return Fail(Code::kInvalidArgument,
              std::string(what) + " member '" + std::string(name) + "': " + std::string(why));
}

Status CheckObject(const nlohmann::json& value, std::string_view what,
                   std::initializer_list<std::string_view> members) {
  if (!value.is_object()) {
    return Fail(Code::kInvalidArgument, std::string(what) + " must be a JSON object");
  }
  for (const auto& item : value.items()) {
    if (std::find(members.begin(), members.end(), item.key()) == members.end()) {
      return Fail(Code::kInvalidArgument,
                  std::string(what) + " has an unknown member '" + item.key() + "'");
    }
  }
  return Ok();
}

Result<nlohmann::json> ParseObject(std::string_view text, std::string_view what,
                                   std::initializer_list<std::string_view> members) {
  auto canonical = protocol::Canonicalize(text);
  if (!canonical) {
    return Fail(Code::kInvalidArgument,
                std::string(what) + " is not valid JSON: " + canonical.error().message);
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(*canonical);
  } catch (const nlohmann::json::exception&) {
    return Fail(Code::kInvalidArgument, std::string(what) + " is not valid JSON");
  }
  if (auto checked = CheckObject(value, what, members); !checked) {
    return tl::unexpected(checked.error());
  }
  return value;
}

Result<std::string> StringMember(const nlohmann::json& object, std::string_view what,
                                 std::string_view name) {
  const auto it = object.find(name);
  if (it == object.end()) return MemberError(what, name, "missing");
  if (!it->is_string()) return MemberError(what, name, "must be a string");
  return it->get<std::string>();
}

Result<std::uint64_t> IntegerMember(const nlohmann::json& object, std::string_view what,
                                    std::string_view name, std::uint64_t max) {
  const auto it = object.find(name);
  if (it == object.end()) return MemberError(what, name, "missing");
  // Canonical JSON writes every integer up to 2^53 without fraction or exponent, so nlohmann
  // reads it as an unsigned integer; anything else is negative, fractional or too large.
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > max) {
    return MemberError(what, name, "must be an integer from 0 to " + std::to_string(max));
  }
  return it->get<std::uint64_t>();
}

Result<crypto::MerkleHash> HashMember(const nlohmann::json& object, std::string_view what,
                                      std::string_view name) {
  auto text = StringMember(object, what, name);
  if (!text) return tl::unexpected(text.error());
  crypto::MerkleHash hash{};
  if (!ParseHex(*text, hash)) return MemberError(what, name, "must be 64 lower-case hex digits");
  return hash;
}

Result<std::vector<crypto::MerkleHash>> HashListMember(const nlohmann::json& object,
                                                       std::string_view what, std::string_view name,
                                                       std::size_t max_items) {
  const auto it = object.find(name);
  if (it == object.end()) return MemberError(what, name, "missing");
  if (!it->is_array()) return MemberError(what, name, "must be an array of hashes");
  if (it->size() > max_items) {
    return MemberError(what, name, "has more than " + std::to_string(max_items) + " hashes");
  }
  std::vector<crypto::MerkleHash> hashes;
  hashes.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    crypto::MerkleHash hash{};
    if (!item.is_string() || !ParseHex(item.get_ref<const std::string&>(), hash)) {
      return MemberError(what, std::string(name) + "[" + std::to_string(i) + "]",
                         "must be 64 lower-case hex digits");
    }
    hashes.push_back(hash);
  }
  return hashes;
}

Result<std::vector<std::string>> StringListMember(const nlohmann::json& object,
                                                  std::string_view what, std::string_view name) {
  const auto it = object.find(name);
  if (it == object.end()) return MemberError(what, name, "missing");
  if (!it->is_array()) return MemberError(what, name, "must be an array of strings");
  std::vector<std::string> items;
  items.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    if (!item.is_string()) {
      return MemberError(what, std::string(name) + "[" + std::to_string(i) + "]",
                         "must be a string");
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace tandem::node::audit::internal
