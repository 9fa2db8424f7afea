// Strong types for the identifiers an envelope header carries, so a nonce cannot be passed
// where a message id is expected, nor a purpose where a node id is.
//
// RandomId (MessageId, Nonce): exactly 16 bytes, written on the wire as 32 lower-case hex
// digits. Name (NodeId, PurposeId, IsaId, MessageKind): 1 to 128 characters from
// [A-Za-z0-9._:/-]. Parsing refuses anything else with kInvalidArgument; Generate fails with
// kInternal only if the CSPRNG's secure memory cannot be had. Values are immutable and
// thread-safe to share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::protocol {

inline constexpr std::size_t kRandomIdSize = 16;
inline constexpr std::size_t kMaxNameLength = 128;

template <class Tag>
class RandomId {
 public:
  using Bytes = std::array<std::uint8_t, kRandomIdSize>;

  // 16 bytes from the OS CSPRNG.
  static Result<RandomId> Generate() {
    auto random = crypto::SecretBytes::Random(kRandomIdSize);
    if (!random) return tl::unexpected(random.error());
    Bytes bytes{};
    for (std::size_t i = 0; i < kRandomIdSize; ++i) bytes[i] = random->data()[i];
    return RandomId(bytes);
  }
  static RandomId FromBytes(const Bytes& bytes) { return RandomId(bytes); }
  // Exactly 32 lower-case hex digits.
  static Result<RandomId> FromHex(std::string_view hex) {
    if (hex.size() != 2 * kRandomIdSize) {
      return Fail(Code::kInvalidArgument, std::string(Tag::kName) + " must be 32 hex digits");
    }
    Bytes bytes{};
    for (std::size_t i = 0; i < hex.size(); ++i) {
      const int digit = HexDigit(hex[i]);
      if (digit < 0) {
        return Fail(Code::kInvalidArgument,
                    std::string(Tag::kName) + " must be lower-case hex digits only");
      }
      bytes[i / 2] = static_cast<std::uint8_t>(bytes[i / 2] * 16 + digit);
    }
    return RandomId(bytes);
  }

  const Bytes& bytes() const { return bytes_; }
  std::string Hex() const {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * kRandomIdSize);
    for (const std::uint8_t b : bytes_) {
      out.push_back(kDigits[b >> 4]);
      out.push_back(kDigits[b & 0x0F]);
    }
    return out;
  }
  bool operator==(const RandomId&) const = default;

 private:
  explicit RandomId(const Bytes& bytes) : bytes_(bytes) {}
  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }
  Bytes bytes_;
};

template <class Tag>
class Name {
 public:
  static Result<Name> Create(std::string_view value) {
    if (value.empty() || value.size() > kMaxNameLength) {
      return Fail(Code::kInvalidArgument,
                  std::string(Tag::kName) + " must be 1 to 128 characters long");
    }
    for (const char c : value) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
      if (!ok) {
        return Fail(Code::kInvalidArgument,
                    std::string(Tag::kName) + " may hold only letters, digits and . _ : / -");
      }
    }
    return Name(std::string(value));
  }
  const std::string& value() const { return value_; }
  bool operator==(const Name&) const = default;

 private:
  explicit Name(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

struct MessageIdTag {
  static constexpr std::string_view kName = "message id";
};
struct NonceTag {
  static constexpr std::string_view kName = "nonce";
};
struct NodeIdTag {
  static constexpr std::string_view kName = "node id";
};
struct PurposeIdTag {
  static constexpr std::string_view kName = "purpose";
};
struct IsaIdTag {
  static constexpr std::string_view kName = "ISA id";
};
struct MessageKindTag {
  static constexpr std::string_view kName = "message kind";
};

using MessageId = RandomId<MessageIdTag>;
using Nonce = RandomId<NonceTag>;
using NodeId = Name<NodeIdTag>;
using PurposeId = Name<PurposeIdTag>;
using IsaId = Name<IsaIdTag>;
using MessageKind = Name<MessageKindTag>;

}  // namespace tandem::protocol
