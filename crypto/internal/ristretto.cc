#include "crypto/internal/ristretto.h"

#include <sodium.h>

#include "core/check.h"

namespace tandem::crypto::internal {
namespace {

constexpr std::string_view kSuiteIdentifier = "ristretto255-SHA512";

// The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr Scalar kOrder = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                           0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

std::atomic<std::uint64_t> mult_count{0};
std::atomic<std::uint64_t> base_mult_count{0};
std::atomic<std::uint64_t> add_count{0};
std::atomic<std::uint64_t> hash_to_group_count{0};
std::atomic<std::uint64_t> msm_count{0};
std::atomic<std::uint64_t> msm_term_count{0};

void Bump(std::atomic<std::uint64_t>& counter) { counter.fetch_add(1, std::memory_order_relaxed); }

}  // namespace

std::vector<std::uint8_t> ContextString(std::uint8_t mode) {
  static constexpr std::string_view kPrefix = "OPRFV1-";
  std::vector<std::uint8_t> out(kPrefix.begin(), kPrefix.end());
  out.push_back(mode);
  out.push_back('-');
  out.insert(out.end(), kSuiteIdentifier.begin(), kSuiteIdentifier.end());
  return out;
}

std::vector<std::uint8_t> Dst(std::string_view prefix, std::uint8_t mode) {
  std::vector<std::uint8_t> out(prefix.begin(), prefix.end());
  const auto context = ContextString(mode);
  out.insert(out.end(), context.begin(), context.end());
  return out;
}

Element HashToGroup(ByteParts msg, std::span<const std::uint8_t> dst) {
  std::array<std::uint8_t, kHashBytes> uniform{};
  TANDEM_CHECK(ExpandMessageXmdSha512(msg, dst, uniform).has_value());
  Element out{};
  crypto_core_ristretto255_from_hash(out.data(), uniform.data());
  sodium_memzero(uniform.data(), uniform.size());
  Bump(hash_to_group_count);
  return out;
}

void HashToScalar(ByteParts msg, std::span<const std::uint8_t> dst,
                  std::span<std::uint8_t, kScalarBytes> out) {
  std::array<std::uint8_t, kHashBytes> uniform{};
  TANDEM_CHECK(ExpandMessageXmdSha512(msg, dst, uniform).has_value());
  crypto_core_ristretto255_scalar_reduce(out.data(), uniform.data());
  sodium_memzero(uniform.data(), uniform.size());
}

const Element& Generator() {
  static const Element kGenerator = [] {
    Element g{};
    const Scalar one = ScalarFromUint(1);
    TANDEM_CHECK(crypto_scalarmult_ristretto255_base(g.data(), one.data()) == 0);
    return g;
  }();
  return kGenerator;
}

bool IsIdentity(const Element& element) {
  return sodium_is_zero(element.data(), element.size()) == 1;
}

Result<Element> DeserializeElement(std::span<const std::uint8_t> bytes, std::string_view what) {
  if (bytes.size() != kElementBytes) {
    return Fail(Code::kInvalidArgument, std::string(what) + " is " + std::to_string(bytes.size()) +
                                            " bytes; a ristretto255 element is 32");
  }
  Element out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  // RFC 9496 section 4.3.1 rejects a set top bit (the value is then at least p); libsodium
  // 1.0.18 ignores that bit, which would give one element two encodings.
  if ((out[kElementBytes - 1] & 0x80) != 0 ||
      crypto_core_ristretto255_is_valid_point(out.data()) != 1) {
    return Fail(Code::kInvalidArgument,
                std::string(what) + " is not a canonical ristretto255 encoding");
  }
  if (IsIdentity(out)) {
    return Fail(Code::kInvalidArgument, std::string(what) + " is the identity element");
  }
  return out;
}

bool IsCanonicalScalar(std::span<const std::uint8_t, kScalarBytes> scalar) {
  // scalar < L exactly when scalar - L borrows; computed over every byte, no early exit.
  unsigned borrow = 0;
  for (std::size_t i = 0; i < kScalarBytes; ++i) {
    const unsigned diff = static_cast<unsigned>(scalar[i]) - kOrder[i] - borrow;
    borrow = (diff >> 8) & 1;
  }
  return borrow == 1;
}

bool IsZeroScalar(std::span<const std::uint8_t, kScalarBytes> scalar) {
  return sodium_is_zero(scalar.data(), scalar.size()) == 1;
}

Element Mult(std::span<const std::uint8_t, kScalarBytes> scalar, const Element& element) {
  Element out{};
  Bump(mult_count);
  // libsodium returns -1 when the result is the identity (or the point is invalid, which the
  // callers rule out); the identity is a legitimate result here and encodes as zeros.
  if (crypto_scalarmult_ristretto255(out.data(), scalar.data(), element.data()) != 0) {
    TANDEM_CHECK(crypto_core_ristretto255_is_valid_point(element.data()) == 1);
    out.fill(0);
  }
  return out;
}

Element BaseMult(std::span<const std::uint8_t, kScalarBytes> scalar) {
  Element out{};
  Bump(base_mult_count);
  if (crypto_scalarmult_ristretto255_base(out.data(), scalar.data()) != 0) out.fill(0);
  return out;
}

Element Add(const Element& a, const Element& b) {
  if (IsIdentity(a)) return b;
  if (IsIdentity(b)) return a;
  Element out{};
  Bump(add_count);
  TANDEM_CHECK(crypto_core_ristretto255_add(out.data(), a.data(), b.data()) == 0);
  return out;
}

Scalar ScalarFromUint(std::uint32_t value) {
  Scalar out{};
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return out;
}

GroupOpCounts ReadGroupOpCounts() {
  return {mult_count.load(std::memory_order_relaxed),
          base_mult_count.load(std::memory_order_relaxed),
          add_count.load(std::memory_order_relaxed),
          hash_to_group_count.load(std::memory_order_relaxed),
          msm_count.load(std::memory_order_relaxed),
          msm_term_count.load(std::memory_order_relaxed)};
}

void RecordMultiScalarMult(std::size_t terms) {
  Bump(msm_count);
  msm_term_count.fetch_add(terms, std::memory_order_relaxed);
}

Result<SecretBytes> NewSecretScalar() {
  auto s = SecretBytes::Zeroed(kScalarBytes);
  if (!s) return s;
  // crypto_core_ristretto255_scalar_random draws uniformly from [1, L-1] (it rejects zero).
  crypto_core_ristretto255_scalar_random(s->data());
  return s;
}

ScratchScalar::~ScratchScalar() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<SecretBytes> ZeroSecretScalar() { return SecretBytes::Zeroed(kScalarBytes); }

}  // namespace tandem::crypto::internal
