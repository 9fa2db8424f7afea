#include "crypto/internal/hex.h"

#include <sodium.h>

namespace tandem::crypto::internal {
namespace {

// Value of one hex digit, or -1. Branch-free enough for secrets: the table walk below is used
// only to find an error position once decoding has already failed.
int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status CheckShape(std::string_view hex, std::string_view what) {
  if (hex.size() % 2 != 0) {
    return Fail(Code::kInvalidArgument, std::string(what) + ": " + std::to_string(hex.size()) +
                                            " hex digits is an odd count; each byte needs two");
  }
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (DigitValue(hex[i]) < 0) {
      return Fail(Code::kInvalidArgument, std::string(what) + ": character " +
                                              std::to_string(i + 1) + " is not a hex digit");
    }
  }
  return Ok();
}

}  // namespace

std::string EncodeHex(std::span<const std::uint8_t> bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

Result<std::vector<std::uint8_t>> DecodeHex(std::string_view hex, std::string_view what) {
  if (auto s = CheckShape(hex, what); !s) return tl::unexpected(s.error());
  std::vector<std::uint8_t> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(DigitValue(hex[2 * i]) << 4 | DigitValue(hex[2 * i + 1]));
  }
  return out;
}

Result<SecretBytes> DecodeHexSecret(std::string_view hex, std::string_view what) {
  // sodium_hex2bin runs in constant time over the digits, so a secret's digits do not leak
  // through timing; the shape check afterwards only runs on failure.
  auto out = SecretBytes::Zeroed(hex.size() / 2);
  if (!out) return tl::unexpected(out.error());
  std::size_t written = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(out->data(), out->size(), hex.data(), hex.size(), nullptr, &written, &end) !=
          0 ||
      written != out->size() || end != hex.data() + hex.size()) {
    if (auto s = CheckShape(hex, what); !s) return tl::unexpected(s.error());
    return Fail(Code::kInvalidArgument, std::string(what) + ": not a hex string");
  }
  return out;
}

}  // namespace tandem::crypto::internal
