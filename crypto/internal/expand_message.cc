#include "crypto/internal/expand_message.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace tandem::crypto::internal {
namespace {

constexpr std::size_t kHashBytes = crypto_hash_sha512_BYTES;  // b_in_bytes
constexpr std::size_t kBlockBytes = 128;                      // s_in_bytes of SHA-512
constexpr std::size_t kMaxOutput = 255 * kHashBytes;

// Wipes a SHA-512 state and the block chain when the expansion ends, however it ends.
struct Scratch {
  crypto_hash_sha512_state state{};
  std::array<std::uint8_t, kHashBytes> b0{};
  std::array<std::uint8_t, kHashBytes> bi{};
  ~Scratch() {
    sodium_memzero(&state, sizeof state);
    sodium_memzero(b0.data(), b0.size());
    sodium_memzero(bi.data(), bi.size());
  }
};

void Update(crypto_hash_sha512_state& state, std::span<const std::uint8_t> bytes) {
  if (!bytes.empty()) crypto_hash_sha512_update(&state, bytes.data(), bytes.size());
}

}  // namespace

Status ExpandMessageXmdSha512(ByteParts msg, std::span<const std::uint8_t> dst,
                              std::span<std::uint8_t> out) {
  if (out.empty() || out.size() > kMaxOutput) {
    return Fail(Code::kInvalidArgument, "expand_message_xmd: output length " +
                                            std::to_string(out.size()) + " is outside 1.." +
                                            std::to_string(kMaxOutput));
  }
  if (dst.empty()) return Fail(Code::kInvalidArgument, "expand_message_xmd: empty DST");

  // RFC 9380 5.3.3: a DST over 255 bytes is replaced by H("H2C-OVERSIZE-DST-" || DST).
  std::array<std::uint8_t, kHashBytes> short_dst{};
  if (dst.size() > 255) {
    static constexpr std::string_view kOversize = "H2C-OVERSIZE-DST-";
    crypto_hash_sha512_state s;
    crypto_hash_sha512_init(&s);
    crypto_hash_sha512_update(&s, reinterpret_cast<const std::uint8_t*>(kOversize.data()),
                              kOversize.size());
    crypto_hash_sha512_update(&s, dst.data(), dst.size());
    crypto_hash_sha512_final(&s, short_dst.data());
    dst = short_dst;
  }
  const auto dst_len = static_cast<std::uint8_t>(dst.size());
  const std::size_t ell = (out.size() + kHashBytes - 1) / kHashBytes;

  Scratch x;
  // b_0 = H(Z_pad || msg || I2OSP(len_in_bytes, 2) || I2OSP(0, 1) || DST_prime)
  static constexpr std::array<std::uint8_t, kBlockBytes> kZPad{};
  const std::array<std::uint8_t, 3> length_and_zero = {
      static_cast<std::uint8_t>(out.size() >> 8), static_cast<std::uint8_t>(out.size() & 0xff), 0};
  crypto_hash_sha512_init(&x.state);
  Update(x.state, kZPad);
  for (auto part : msg) Update(x.state, part);
  Update(x.state, length_and_zero);
  Update(x.state, dst);
  Update(x.state, {&dst_len, 1});
  crypto_hash_sha512_final(&x.state, x.b0.data());

  // b_1 = H(b_0 || I2OSP(1, 1) || DST_prime); b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) ||
  // DST_prime)
  std::size_t written = 0;
  for (std::size_t i = 1; i <= ell; ++i) {
    std::array<std::uint8_t, kHashBytes> chained = x.b0;
    if (i > 1) {
      for (std::size_t j = 0; j < kHashBytes; ++j) chained[j] ^= x.bi[j];
    }
    const auto counter = static_cast<std::uint8_t>(i);
    crypto_hash_sha512_init(&x.state);
    Update(x.state, chained);
    Update(x.state, {&counter, 1});
    Update(x.state, dst);
    Update(x.state, {&dst_len, 1});
    crypto_hash_sha512_final(&x.state, x.bi.data());
    sodium_memzero(chained.data(), chained.size());
    const std::size_t n = std::min(kHashBytes, out.size() - written);
    std::copy_n(x.bi.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(written));
    written += n;
  }
  return Ok();
}

}  // namespace tandem::crypto::internal
